import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../../src-shared/errors';
import { diskFullError } from '../../fsx/disk-full';
import { openForReading, writeAll } from './file-io';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function caught(promise: Promise<unknown>): Promise<NoteVaultError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(NoteVaultError);
  return error as NoteVaultError;
}

describe("the backup format's file reads and writes use the file layer's errno mapping", () => {
  it('a path through a file is IO with the file layer wording', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nv-file-io-'));
    const file = join(dir, 'plain');
    await writeFile(file, 'x');
    const error = await caught(openForReading(join(file, 'inside.nvbak')));
    expect(error.code).toBe('IO');
    expect(error.message).toContain('a part of the path is a file, not a folder (ENOTDIR)');
  });

  it.runIf(existsSync('/dev/full'))('a full drive gets the one disk-full wording', async () => {
    const handle = await open('/dev/full', 'w');
    try {
      const error = await caught(writeAll(handle, new Uint8Array(16), 0, '/dev/full'));
      expect(error).toEqual(diskFullError({ file: '/dev/full' }, 'ENOSPC', error.cause));
    } finally {
      await handle.close();
    }
  });
});

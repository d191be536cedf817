/**
 * Authentic backups whose metadata lies, through runCli and the real job worker: every
 * command that reads the metadata calls the backup damaged (exit 4) before it sizes
 * anything (memory, a free-space check, a display) from the lie.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKey } from '../../backup/format/kdf';
import { cheapKdfParams, rewriteMetadata } from '../../../test/main/backup/format/test-support';
import { writeV1Backup } from '../../../test/main/backup/backup-test-support';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import { buildJobWorker, createNotesDatabase } from '../../../test/main/backup/worker/worker-test-support';
import { jsonOf, runBackupCli } from '../../../test/main/cli/commands/backup-test-support';

const PASSKEY = 'fixture passkey';
const env = { NOTEVAULT_PASSKEY: PASSKEY };
let worker: BuiltWorker;
let root = '';
let temp = '';
let fixture = '';
let key: Uint8Array;

beforeAll(async () => {
  worker = await buildJobWorker();
  root = await mkdtemp(join(tmpdir(), 'notevault-cli-lying-metadata-'));
  temp = join(root, 'temp');
  await mkdir(temp);
  const db = join(root, 'fixture.db');
  createNotesDatabase(db, 12, 800);
  const kdf = cheapKdfParams();
  key = await deriveKey(PASSKEY, kdf);
  // Format version 1, whose metadata the test support can rewrite; v1 files must keep being checked.
  fixture = await writeV1Backup(db, join(root, 'fixture.nvbak'), { key, kdf }, temp);
}, 60_000);
afterAll(async () => {
  await worker.remove();
  await rm(root, { recursive: true, force: true });
});

const cli = (argv: readonly string[]) => runBackupCli(argv, worker, temp, { env });

let count = 0;
async function liar(lies: Record<string, unknown>): Promise<string> {
  const path = join(root, `liar-${++count}.nvbak`);
  await rewriteMetadata(fixture, path, key, lies);
  return path;
}

const LIES: [string, Record<string, unknown>, RegExp][] = [
  [
    'a size of 2^53 - 1 bytes',
    { plaintextSize: 2 ** 53 - 1 },
    /records 9007199254740991 bytes of data, but the file ends/,
  ],
  [
    'a size of 10^12 bytes',
    { plaintextSize: 1e12 },
    /records 1000000000000 bytes of data, but the file ends/,
  ],
  ['a negative size', { plaintextSize: -1 }, /invalid fields.*plaintextSize/],
  ['a fractional size', { plaintextSize: 100.5 }, /invalid fields.*plaintextSize/],
  ['more notes than the size can hold', { noteCount: 1e9 }, /records 1000000000 notes, more than \d+ bytes/],
];

describe.each(LIES)('metadata claiming %s', (_name, lies, detail) => {
  it('inspect says the backup is damaged, exit 4', async () => {
    const run = await cli(['inspect', await liar(lies), '--json']);
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toBe(
      'notevault: This backup file is damaged and cannot be read: choose another backup.\n',
    );
    // The pipeline's own account of the lie is the details, for scripts and for whoever asks.
    expect(jsonOf(run)).toMatchObject({
      ok: false,
      error: {
        code: 'BACKUP_DAMAGED',
        details: expect.stringMatching(/^The backup .* is damaged: its metadata/) as unknown,
      },
    });
    expect((jsonOf(run) as { error: { details: string } }).error.details).toMatch(detail);
  });

  it('verify and restore refuse it as damaged, exit 4, and restore changes nothing', async () => {
    const file = await liar(lies);
    const verify = await cli(['verify', file, '--json']);
    expect(verify.exitCode).toBe(4);
    expect((jsonOf(verify) as { error: { details: string } }).error.details).toMatch(detail);
    const db = join(root, `restored-${count}.db`);
    const restore = await cli(['restore', '--db', db, '--from', file, '--safety-dir', root, '--json']);
    expect(restore.exitCode).toBe(4);
    expect(restore.stderr).toMatch(/Your current notes were not changed\.\n$/);
    expect((jsonOf(restore) as { error: { details: string } }).error.details).toMatch(detail);
    expect(existsSync(db)).toBe(false);
  });
});

it('the untouched fixture inspects fine, so each case fails only because of its lie', async () => {
  const run = await cli(['inspect', fixture]);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(/Notes: +12/);
});

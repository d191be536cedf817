import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptFile } from './decrypt-stream';
import {
  makeTempDir,
  patternBytes,
  removeTempDir,
  writeBackup,
} from '../../../test/main/backup/format/test-support';

/**
 * `hashFile`: the SHA-256 of exactly the bytes decryptFile read, which the app's restore
 * compares with the file a person consented to (restore-consent.ts).
 */
describe('decryptFile with hashFile', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  // 3.5 MiB in chunks of 300 KiB: frames straddle the reader's 1 MiB blocks.
  it.each([
    ['a small file', 1000, 300],
    ['a file of several read blocks', 3.5 * 1024 * 1024, 300 * 1024],
  ])('hashes the whole file, header included: %s', async (_name, size, chunkSize) => {
    const backup = await writeBackup(dir, patternBytes(size), { chunkSize });
    const result = await decryptFile(backup.path, backup.key, { hashFile: true });
    expect(result.fileSha256).toBe(
      createHash('sha256')
        .update(await readFile(backup.path))
        .digest('hex'),
    );
  });

  it('hashes nothing unless asked', async () => {
    const backup = await writeBackup(dir, patternBytes(1000));
    expect((await decryptFile(backup.path, backup.key)).fileSha256).toBeUndefined();
  });
});

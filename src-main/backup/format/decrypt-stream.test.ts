import { createHash } from 'node:crypto';
import { readFile, truncate } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../../src-shared/errors';
import { decryptFile, readMetadata } from './decrypt-stream';
import {
  expectFailure,
  frameOffsets,
  makeTempDir,
  patternBytes,
  removeTempDir,
  SAMPLE_METADATA,
  writeBackup,
} from './test-support';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('decryptFile', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  it('streams chunks in order to the sink and returns the verified digest and metadata', async () => {
    const plaintext = patternBytes(1000);
    const backup = await writeBackup(dir, plaintext, { chunkSize: 300 });
    const seen: number[] = [];
    const result = await decryptFile(backup.path, backup.key, {
      onChunk: async (chunk) => {
        // A slow sink: the next chunk must still arrive only after this one finished.
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(chunk.length);
      },
    });
    expect(seen).toEqual([300, 300, 300, 100]);
    expect(result.plaintextSize).toBe(1000);
    expect(result.plaintextSha256).toBe(sha256(plaintext));
    expect(result.metadata).toEqual({
      formatVersion: 1,
      ...SAMPLE_METADATA,
      plaintextSize: 1000,
      plaintextSha256: sha256(plaintext),
    });
    expect(result.header.kdf).toEqual(backup.kdf);
  });

  it('verifies without a sink (hash only)', async () => {
    const backup = await writeBackup(dir, patternBytes(5000), { chunkSize: 512 });
    expect((await decryptFile(backup.path, backup.key)).plaintextSize).toBe(5000);
  });

  it('passes a sink failure through unchanged', async () => {
    const backup = await writeBackup(dir, patternBytes(1000), { chunkSize: 100 });
    const failure = new NoteVaultError('DISK_FULL', 'restore target full');
    let calls = 0;
    const run = decryptFile(backup.path, backup.key, {
      onChunk: () => {
        calls++;
        if (calls === 3) return Promise.reject(failure);
      },
    });
    await expect(run).rejects.toBe(failure);
    expect(calls).toBe(3); // no chunk is handed to a sink that has already failed
  });

  it('reports progress over the backup file and honours cancellation', async () => {
    const backup = await writeBackup(dir, patternBytes(3 * 1024 * 1024));
    const fileSize = (await readFile(backup.path)).length;
    const calls: number[] = [];
    await decryptFile(backup.path, backup.key, { onProgress: (done, total) => calls.push(done / total) });
    expect(calls.at(-1)).toBe(1);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(fileSize).toBeGreaterThan(3 * 1024 * 1024);

    const controller = new AbortController();
    await expectFailure(
      decryptFile(backup.path, backup.key, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
      'CANCELLED',
    );
  });

  it('refuses a key of the wrong length', async () => {
    const backup = await writeBackup(dir, patternBytes(10));
    await expectFailure(decryptFile(backup.path, backup.key.subarray(1)), 'VALIDATION', /32 bytes/);
  });
});

describe('readMetadata', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  it('decrypts only the first chunk: works even when the data chunks are gone', async () => {
    const backup = await writeBackup(dir, patternBytes(4000), { chunkSize: 1000 });
    const offsets = await frameOffsets(backup.path);
    expect(offsets).toHaveLength(5);
    await truncate(backup.path, offsets[1]);
    const { metadata, header } = await readMetadata(backup.path, backup.key);
    expect(metadata).toMatchObject({ ...SAMPLE_METADATA, plaintextSize: 4000 });
    expect(header.formatVersion).toBe(1);
    await expectFailure(decryptFile(backup.path, backup.key), 'BACKUP_DAMAGED', /without the final chunk/);
  });

  it('says WRONG_PASSKEY for another key', async () => {
    const backup = await writeBackup(dir, patternBytes(10));
    const otherKey = new Uint8Array(backup.key);
    otherKey[0] = otherKey[0] === 0 ? 1 : 0;
    await expectFailure(
      readMetadata(backup.path, otherKey),
      'WRONG_PASSKEY',
      /passkey is wrong, or the header/,
    );
  });
});

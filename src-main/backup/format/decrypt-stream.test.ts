import { createHash } from 'node:crypto';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../../src-shared/errors';
import { decryptFile, readMetadata } from './decrypt-stream';
import {
  expectFailure,
  frameOffsets,
  makeTempDir,
  patternBytes,
  removeTempDir,
  rewriteMetadata,
  SAMPLE_METADATA,
  writeBackup,
} from '../../../test/main/backup/format/test-support';
import type { WrittenBackup } from '../../../test/main/backup/format/test-support';

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
    expect(result.header).toMatchObject({ formatVersion: 1, kdf: backup.kdf });
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

  it('decrypts only the first chunk: works even when the data chunks are damaged', async () => {
    const backup = await writeBackup(dir, patternBytes(4000), { chunkSize: 1000 });
    const offsets = await frameOffsets(backup.path);
    expect(offsets).toHaveLength(5);
    const bytes = await readFile(backup.path);
    const at = (offsets[2] ?? 0) + 10;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await writeFile(backup.path, bytes);
    const { metadata, header } = await readMetadata(backup.path, backup.key);
    expect(metadata).toMatchObject({ ...SAMPLE_METADATA, plaintextSize: 4000 });
    expect(header.formatVersion).toBe(1);
    await expectFailure(decryptFile(backup.path, backup.key), 'BACKUP_DAMAGED', /failed authentication/);
  });

  it('calls a file too short for the size its metadata records damaged, before reading the data', async () => {
    const backup = await writeBackup(dir, patternBytes(4000), { chunkSize: 1000 });
    const offsets = await frameOffsets(backup.path);
    await truncate(backup.path, offsets[3]);
    await expectFailure(
      readMetadata(backup.path, backup.key),
      'BACKUP_DAMAGED',
      `records 4000 bytes of data, but the file ends at byte offset ${offsets[3]}, which leaves room for at most`,
      /cut short or its metadata is wrong/,
    );
    await truncate(backup.path, offsets[1]);
    await expectFailure(readMetadata(backup.path, backup.key), 'BACKUP_DAMAGED', /room for no data at all/);
  });

  describe('authentic metadata that lies', () => {
    let backup: WrittenBackup;
    let liar = '';
    beforeEach(async () => {
      backup = await writeBackup(dir, patternBytes(4000), { chunkSize: 1000 });
      liar = join(dir, 'liar.nvbak');
    });
    const lie = async (lies: Record<string, unknown>) => {
      await rewriteMetadata(backup.path, liar, backup.key, lies);
      return readMetadata(liar, backup.key);
    };

    it('keeps a size the file can hold: the payload is checked against it later', async () => {
      // One frame of 4000 bytes follows the metadata: exactly 4000 bytes of room.
      expect((await lie({ noteCount: 666 })).metadata).toMatchObject({ plaintextSize: 4000, noteCount: 666 });
      expect((await lie({ plaintextSize: 3999 })).metadata.plaintextSize).toBe(3999);
      await expectFailure(decryptFile(liar, backup.key), 'BACKUP_DAMAGED', /does not match/);
    });

    it.each([
      [2 ** 53 - 1, /records 9007199254740991 bytes of data, .* room for at most 4000 bytes/],
      [1e12, /records 1000000000000 bytes of data/],
      [4001, /records 4001 bytes of data/],
      [-1, /invalid fields.*plaintextSize/],
      [1.5, /invalid fields.*plaintextSize/],
      ['4000', /invalid fields.*plaintextSize/],
    ])('refuses plaintextSize %s as damage', async (plaintextSize, detail) => {
      await expectFailure(
        lie({ plaintextSize }),
        'BACKUP_DAMAGED',
        /liar\.nvbak is damaged: its metadata/,
        detail,
      );
    });

    it.each([
      [667, /records 667 notes, more than 4000 bytes of data can hold \(at most 666\)/],
      [2 ** 53 - 1, /records 9007199254740991 notes/],
      [-3, /invalid fields.*noteCount/],
      [2.5, /invalid fields.*noteCount/],
    ])('refuses noteCount %s as damage', async (noteCount, detail) => {
      await expectFailure(lie({ noteCount }), 'BACKUP_DAMAGED', detail);
    });
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

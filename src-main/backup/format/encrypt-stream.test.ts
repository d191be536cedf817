import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptFileToFile } from './encrypt-stream';
import {
  ABYTES,
  DEFAULT_CHUNK_SIZE,
  FRAME_LENGTH_BYTES,
  HEADER_SIZE,
  MAX_CHUNK_SIZE,
} from './format-constants';
import { deriveKey } from './kdf';
import {
  SAMPLE_METADATA,
  cheapKdfParams,
  decryptToBytes,
  expectFailure,
  frameOffsets,
  makeTempDir,
  patternBytes,
  removeTempDir,
  writeBackup,
} from '../../../test/main/backup/format/test-support';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('encryptFileToFile', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  const chunk = 64;
  for (const length of [0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 5 * chunk + 17]) {
    it(`round-trips ${length} bytes with ${chunk}-byte chunks, one frame per chunk`, async () => {
      const plaintext = patternBytes(length, length + 1);
      const backup = await writeBackup(dir, plaintext, { chunkSize: chunk });
      expect(Buffer.from(await decryptToBytes(backup.path, backup.key)).equals(Buffer.from(plaintext))).toBe(
        true,
      );

      // Metadata frame, then ceil(length / chunk) data frames, or one empty final frame.
      const dataChunks = Math.max(1, Math.ceil(length / chunk));
      const offsets = await frameOffsets(backup.path);
      expect(offsets).toHaveLength(1 + dataChunks);
      const file = await readFile(backup.path);
      const metadataFrame = file.readUInt32LE(HEADER_SIZE);
      expect(file.length).toBe(
        HEADER_SIZE + (1 + dataChunks) * (FRAME_LENGTH_BYTES + ABYTES) + metadataFrame - ABYTES + length,
      );
      // Every data chunk but the last is full-size.
      for (const at of offsets.slice(1, -1)) expect(file.readUInt32LE(at)).toBe(chunk + ABYTES);
    });
  }

  it('round-trips a few MB with the default 64 KiB chunks and returns the stored metadata', async () => {
    const plaintext = patternBytes(3 * 1024 * 1024 + 12345, 99);
    const source = join(dir, 'big.plain');
    await writeFile(source, plaintext);
    const kdf = cheapKdfParams();
    const key = await deriveKey('pw', kdf);
    const target = join(dir, 'big.nvbak');
    const result = await encryptFileToFile(source, target, { formatVersion: 1, key, kdf }, SAMPLE_METADATA);
    expect(result.metadata).toEqual({
      formatVersion: 1,
      ...SAMPLE_METADATA,
      plaintextSize: plaintext.length,
      plaintextSha256: sha256(plaintext),
    });
    expect(result.backupSize).toBe((await stat(target)).size);
    const offsets = await frameOffsets(target);
    expect(offsets).toHaveLength(1 + Math.ceil(plaintext.length / DEFAULT_CHUNK_SIZE));
    expect(sha256(await decryptToBytes(target, key))).toBe(sha256(plaintext));
  });

  it('never writes the same bytes twice for the same input (fresh salt and stream header)', async () => {
    const plaintext = patternBytes(100);
    const a = await readFile((await writeBackup(dir, plaintext, { name: 'a' })).path);
    const b = await readFile((await writeBackup(dir, plaintext, { name: 'b' })).path);
    expect(a.equals(b)).toBe(false);
  });

  it('reports progress in order, ending at the payload size', async () => {
    const plaintext = patternBytes(2 * 1024 * 1024 + 5);
    const calls: [number, number][] = [];
    await writeBackup(dir, plaintext, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls[0]).toEqual([0, plaintext.length]);
    expect(calls.at(-1)).toEqual([plaintext.length, plaintext.length]);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
  });

  it('stops with CANCELLED when the signal aborts, before or during the work', async () => {
    const before = new AbortController();
    before.abort();
    await expectFailure(writeBackup(dir, patternBytes(10), { signal: before.signal }), 'CANCELLED');

    const during = new AbortController();
    await expectFailure(
      writeBackup(dir, patternBytes(3 * 1024 * 1024), {
        signal: during.signal,
        onProgress: (done) => {
          if (done > 0) during.abort();
        },
      }),
      'CANCELLED',
      /cancelled/,
    );
  });

  it('refuses bad chunk sizes, bad keys, out-of-bounds KDF parameters and a missing source', async () => {
    const source = join(dir, 's.plain');
    await writeFile(source, 'x');
    const kdf = cheapKdfParams();
    const key = await deriveKey('pw', kdf);
    const target = join(dir, 't.nvbak');
    for (const chunkSize of [0, -1, 1.5, MAX_CHUNK_SIZE + 1]) {
      await expectFailure(
        encryptFileToFile(source, target, { formatVersion: 1, key, kdf }, SAMPLE_METADATA, { chunkSize }),
        'VALIDATION',
        /chunk size/,
      );
    }
    await expectFailure(
      encryptFileToFile(source, target, { formatVersion: 1, key: key.subarray(0, 16), kdf }, SAMPLE_METADATA),
      'VALIDATION',
      /32 bytes/,
    );
    await expectFailure(
      encryptFileToFile(
        source,
        target,
        { formatVersion: 1, key, kdf: { ...kdf, opslimit: 99 } },
        SAMPLE_METADATA,
      ),
      'BACKUP_UNSUPPORTED',
    );
    await expectFailure(
      encryptFileToFile(join(dir, 'missing.plain'), target, { formatVersion: 1, key, kdf }, SAMPLE_METADATA),
      'IO',
      /missing\.plain/,
    );
    await expectFailure(
      encryptFileToFile(
        source,
        target,
        { formatVersion: 1, key, kdf },
        { ...SAMPLE_METADATA, createdAt: 'now' },
      ),
      'VALIDATION',
      /createdAt/,
    );
  });

  it('fails instead of writing a wrong digest when the source changes between its two reads', async () => {
    const source = join(dir, 'live.plain');
    const kdf = cheapKdfParams();
    const key = await deriveKey('pw', kdf);
    const edits: [string, () => void][] = [
      ['grew', () => appendFileSync(source, 'more')],
      ['was rewritten', () => writeFileSync(source, patternBytes(5000, 2))],
      ['shrank', () => writeFileSync(source, patternBytes(10))],
    ];
    for (const [what, edit] of edits) {
      await writeFile(source, patternBytes(5000));
      const run = encryptFileToFile(
        source,
        join(dir, 'live.nvbak'),
        { formatVersion: 1, key, kdf },
        SAMPLE_METADATA,
        {
          chunkSize: 1000,
          // The first progress call comes after the hashing pass, before encryption reads anything.
          onProgress: (done) => {
            if (done === 0) edit();
          },
        },
      );
      await expectFailure(run, 'IO', /live\.plain changed while it was being encrypted/).catch(
        (error: unknown) => {
          throw new Error(`source that ${what}: ${String(error)}`);
        },
      );
    }
  });

  it('accepts the largest chunk size and still decrypts', async () => {
    const plaintext = patternBytes(MAX_CHUNK_SIZE + 3);
    const backup = await writeBackup(dir, plaintext, { chunkSize: MAX_CHUNK_SIZE });
    expect(await frameOffsets(backup.path)).toHaveLength(3);
    expect(sha256(await decryptToBytes(backup.path, backup.key))).toBe(sha256(plaintext));
  });
});

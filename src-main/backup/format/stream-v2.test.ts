/**
 * Format v2's stream (docs/backup-format.md sections 15-18) through the real writer and
 * reader: padding, frame layout, chunk 0 bound to the fixed part only, and the reader's
 * dispatch on the header's version.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptBytesToFile } from '../encrypt-bytes';
import { decryptFile, readMetadata } from './decrypt-stream';
import { encryptFileToFile } from './encrypt-stream';
import { ABYTES, FRAME_LENGTH_BYTES } from './format-constants';
import { decodeAnyHeader } from './header';
import { rewrapHeader } from './v2/header-v2';
import { padme } from './v2/padme';
import { newFileKey } from './v2/way-in-keys';
import {
  SAMPLE_METADATA,
  decryptToBytes,
  expectFailure,
  makeTempDir,
  patternBytes,
  removeTempDir,
} from '../../../test/main/backup/format/test-support';
import {
  cheapWaysIn,
  frameOffsetsV2,
  unlockFromBytes,
  writeBackupV2,
} from '../../../test/main/backup/format/v2-test-support';

describe('format v2 stream', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  for (const [length, chunkSize] of [
    [0, 64],
    [1, 64],
    [9, 4],
    [129, 64],
    [1000, 7],
    [4096, 4096],
    [70_000, 65536],
  ] as const) {
    it(`pads ${length} bytes to padme(${length}) = ${padme(length)} in ${chunkSize}-byte chunks, opened by every way in`, async () => {
      const backup = await writeBackupV2(dir, patternBytes(length, length + 3), { chunkSize });
      const bytes = await readFile(backup.path);
      for (const secret of backup.ways.secrets) {
        const fileKey = await unlockFromBytes(bytes, secret, backup.path);
        expect(Buffer.from(fileKey).equals(Buffer.from(backup.fileKey))).toBe(true);
        const result = await decryptFile(backup.path, fileKey);
        expect(result.metadata).toMatchObject({ formatVersion: 2, plaintextSize: length });
        expect(result.header.formatVersion).toBe(2);
      }
      const plaintext = await decryptToBytes(backup.path, backup.fileKey);
      expect(Buffer.from(plaintext).equals(Buffer.from(backup.plaintext))).toBe(true);

      // Frames start right after the header; the data frames carry exactly padme(length)
      // bytes, every one full but the last.
      const header = decodeAnyHeader(bytes, backup.path);
      if (header.formatVersion !== 2) throw new Error('expected a v2 header');
      const offsets = await frameOffsetsV2(backup.path);
      expect(offsets[0]).toBe(header.headerLength);
      const dataLengths = offsets.slice(1).map((at) => bytes.readUInt32LE(at) - ABYTES);
      expect(dataLengths).toHaveLength(Math.max(1, Math.ceil(padme(length) / chunkSize)));
      expect(dataLengths.reduce((sum, n) => sum + n, 0)).toBe(padme(length));
      for (const n of dataLengths.slice(0, -1)) expect(n).toBe(chunkSize);
      const last = offsets.at(-1) as number;
      expect(last + FRAME_LENGTH_BYTES + bytes.readUInt32LE(last)).toBe(bytes.length);
    });
  }

  it('binds chunk 0 to the fixed part only: new slots in place leave the stream readable', async () => {
    const backup = await writeBackupV2(dir, patternBytes(300), { chunkSize: 100 });
    const bytes = await readFile(backup.path);
    const header = decodeAnyHeader(bytes, backup.path);
    if (header.formatVersion !== 2) throw new Error('expected a v2 header');
    const others = await cheapWaysIn('another passkey');
    // Same slot kinds, so the same length: the frames stay where they are.
    const rewritten = await rewrapHeader(header, backup.fileKey, others.recipients);
    expect(rewritten.length).toBe(header.headerLength);
    bytes.set(rewritten, 0);
    await writeFile(backup.path, bytes);
    const fileKey = await unlockFromBytes(bytes, others.secrets[0]!, backup.path);
    expect(
      Buffer.from(await decryptToBytes(backup.path, fileKey)).equals(Buffer.from(backup.plaintext)),
    ).toBe(true);
  });

  it('hashes exactly the file bytes it decrypts, the whole v2 header included', async () => {
    const backup = await writeBackupV2(dir, patternBytes(5000), { chunkSize: 1000 });
    const { fileSha256 } = await decryptFile(backup.path, backup.fileKey, { hashFile: true });
    expect(fileSha256).toBe(
      createHash('sha256')
        .update(await readFile(backup.path))
        .digest('hex'),
    );
  });

  it('refuses a file key that is not the one the header MAC was made with, before any chunk', async () => {
    const backup = await writeBackupV2(dir, patternBytes(10));
    await expectFailure(decryptFile(backup.path, newFileKey()), 'BACKUP_DAMAGED', /header MAC/);
    await expectFailure(readMetadata(backup.path, newFileKey()), 'BACKUP_DAMAGED', /header MAC/);
  });

  it('readMetadata returns the v2 header and metadata, and checks the padded size against the file', async () => {
    // One data frame, so the capacity bound (which assumes the fewest frames) is exact.
    const backup = await writeBackupV2(dir, patternBytes(129));
    const { header, metadata } = await readMetadata(backup.path, backup.fileKey);
    expect(header.formatVersion).toBe(2);
    expect(metadata).toMatchObject({ formatVersion: 2, plaintextSize: 129 });
    // Cut off exactly the padding (144 - 129 = 15 bytes): the unpadded size would still fit.
    const bytes = await readFile(backup.path);
    await writeFile(backup.path, bytes.subarray(0, bytes.length - 15));
    await expectFailure(
      readMetadata(backup.path, backup.fileKey),
      'BACKUP_DAMAGED',
      /records 129 bytes of data \(144 with its padding\)/,
    );
  });

  it('the in-memory writer produces the same v2 structure as the file writer', async () => {
    const ways = await cheapWaysIn();
    const payload = patternBytes(10_000, 5);
    const fromBytes = join(dir, 'bytes.nvbak');
    const fromFile = join(dir, 'file.nvbak');
    const source = join(dir, 'payload');
    writeFileSync(fromBytes, '');
    writeFileSync(source, payload);
    const fileKey = newFileKey();
    const keys = { formatVersion: 2, fileKey, recipients: ways.recipients } as const;
    const progress: [number, number][] = [];
    const a = await encryptBytesToFile(payload, fromBytes, keys, SAMPLE_METADATA, {
      chunkSize: 4096,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const b = await encryptFileToFile(source, fromFile, keys, SAMPLE_METADATA, { chunkSize: 4096 });
    expect(a).toEqual(b);
    expect(a.metadata.formatVersion).toBe(2);
    expect(await frameOffsetsV2(fromBytes)).toEqual(await frameOffsetsV2(fromFile));
    expect(Buffer.from(await decryptToBytes(fromBytes, fileKey)).equals(Buffer.from(payload))).toBe(true);
    // Progress counts the stored bytes, padding included, and ends at the total.
    expect(progress.at(-1)).toEqual([padme(10_000), padme(10_000)]);
  });

  it('refuses bad v2 keys before writing anything', async () => {
    const ways = await cheapWaysIn();
    const source = join(dir, 'payload');
    writeFileSync(source, 'x');
    const target = join(dir, 'x.nvbak');
    const write = (keys: Parameters<typeof encryptFileToFile>[2]) =>
      encryptFileToFile(source, target, keys, SAMPLE_METADATA);
    await expectFailure(
      write({ formatVersion: 2, fileKey: new Uint8Array(31), recipients: ways.recipients }),
      'VALIDATION',
      /file key must be 32 bytes/,
    );
    await expectFailure(
      write({
        formatVersion: 2,
        fileKey: newFileKey(),
        recipients: [{ kind: 'passkey', kdf: { ...ways.kdf, opslimit: 99 }, publicKey: new Uint8Array(32) }],
      }),
      'BACKUP_UNSUPPORTED',
      /opslimit/,
    );
    await expectFailure(write({ formatVersion: 2, fileKey: newFileKey(), recipients: [] }), 'INTERNAL');
  });
});

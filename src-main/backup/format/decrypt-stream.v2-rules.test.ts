/**
 * Format v2's reader rules (docs/backup-format.md section 17): every bit of a small v2 file
 * matters to every way in, padding that lies is refused, and a file cut at any frame
 * boundary is refused. Files that break a rule the writer never breaks are crafted with
 * libsodium directly (craftBackupV2).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../../src-shared/errors';
import type { ErrorCode } from '../../../src-shared/errors';
import { decryptFile, readMetadata } from './decrypt-stream';
import { TAG_FINAL, TAG_MESSAGE } from './format-constants';
import { decodeAnyHeader } from './header';
import { HEADER_MAC_BYTES } from './v2/v2-constants';
import { newFileKey } from './v2/way-in-keys';
import { encodeMetadata } from './metadata';
import type { WaysIn } from '../../../test/main/backup/format/v2-test-support';
import {
  cheapWaysIn,
  craftBackupV2,
  frameOffsetsV2,
  metadataV2For,
  paddedChunks,
  unlockFromBytes,
  writeBackupV2,
} from '../../../test/main/backup/format/v2-test-support';
import {
  SAMPLE_METADATA,
  decryptToBytes,
  expectFailure,
  makeTempDir,
  patternBytes,
  removeTempDir,
} from '../../../test/main/backup/format/test-support';

const TAG_PUSH = 1;

/** What a reader holding one secret does with a whole file: unlock the file key, then decrypt. */
async function openWith(path: string, secret: WaysIn['secrets'][number]): Promise<ErrorCode | 'opened'> {
  try {
    const fileKey = await unlockFromBytes(await readFile(path), secret, path);
    await decryptFile(path, fileKey);
    return 'opened';
  } catch (error) {
    if (error instanceof NoteVaultError) return error.code;
    throw error;
  }
}

describe('format v2 reader rules', () => {
  let dir = '';
  let ways: WaysIn;
  beforeEach(async () => {
    dir = await makeTempDir();
    ways = await cheapWaysIn();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  it('refuses a one-bit flip at every bit of a small file, whichever way in opens it', async () => {
    // 17 bytes pad to 18: the final chunk carries payload and padding.
    const backup = await writeBackupV2(dir, patternBytes(17), { ways });
    const good = await readFile(backup.path);
    const header = decodeAnyHeader(good, backup.path);
    if (header.formatVersion !== 2) throw new Error('expected a v2 header');
    const headerLength = header.headerLength;
    for (const secret of ways.secrets) expect(await openWith(backup.path, secret)).toBe('opened');

    const flipped = join(dir, 'flipped.nvbak');
    const seen = new Set<string>();
    const wrong: string[] = [];
    const headerRefusals = new Set<string>([
      'NOT_A_BACKUP',
      'BACKUP_UNSUPPORTED',
      'BACKUP_DAMAGED',
      'WRONG_PASSKEY',
      'WRONG_RECOVERY_CODE',
      'KEY_MISMATCH',
    ]);
    for (let bit = 0; bit < good.length * 8; bit++) {
      const bytes = Buffer.from(good);
      const at = bit >> 3;
      bytes[at] = bytes[at]! ^ (1 << (bit & 7));
      if (at < headerLength) {
        // A header bit: each way in must refuse while unlocking (steps 1-10), before any chunk.
        for (const secret of ways.secrets) {
          const outcome = await unlockFromBytes(bytes, secret, 'flipped').then(
            () => 'unlocked',
            (error: unknown) => (error instanceof NoteVaultError ? error.code : String(error)),
          );
          seen.add(`${secret.kind} ${outcome}`);
          const mac = at >= headerLength - HEADER_MAC_BYTES;
          if (mac ? outcome !== 'BACKUP_DAMAGED' : !headerRefusals.has(outcome)) {
            wrong.push(`bit ${bit} (header byte ${at}) via ${secret.kind}: ${outcome}`);
          }
        }
      } else {
        // A stream bit: the header is byte for byte the good one, so every way in unlocks the
        // same file key (checked above); the stream must then be refused as damaged.
        await writeFile(flipped, bytes);
        const outcome = await decryptFile(flipped, backup.fileKey).then(
          () => 'opened',
          (error: unknown) => (error instanceof NoteVaultError ? error.code : String(error)),
        );
        if (outcome !== 'BACKUP_DAMAGED') wrong.push(`bit ${bit} (byte ${at}, stream): ${outcome}`);
      }
    }
    expect(wrong).toEqual([]);
    // Each way in met its own refusal (its slot's key id flipped) and damage (another slot or the MAC).
    for (const outcome of [
      'passkey WRONG_PASSKEY',
      'recovery-code WRONG_RECOVERY_CODE',
      'device KEY_MISMATCH',
      'passkey BACKUP_DAMAGED',
      'recovery-code BACKUP_DAMAGED',
      'device BACKUP_DAMAGED',
    ]) {
      expect(seen).toContain(outcome);
    }
  });

  describe('padding that lies', () => {
    const payload = patternBytes(9, 4); // padme(9) = 10: one byte of padding
    const craft = (metadata: Uint8Array, chunks: { plaintext: Uint8Array; tag: number }[]) =>
      craftBackupV2(join(dir, 'crafted.nvbak'), fileKey, ways.recipients, metadata, chunks);
    const open = () => decryptToBytes(join(dir, 'crafted.nvbak'), fileKey);
    let fileKey: Uint8Array;
    beforeEach(() => {
      fileKey = newFileKey();
    });

    it('the honest crafted file opens (so each refusal below is the lie alone)', async () => {
      await craft(metadataV2For(payload), paddedChunks(payload, 1, 4));
      expect(Buffer.from(await open()).equals(Buffer.from(payload))).toBe(true);
    });

    it('a padding byte that is not zero', async () => {
      const headerLength = await craft(
        metadataV2For(payload),
        paddedChunks(payload, new Uint8Array([1]), 64),
      );
      const frame1 =
        headerLength + 4 + (await readFile(join(dir, 'crafted.nvbak'))).readUInt32LE(headerLength);
      await expectFailure(
        open(),
        'BACKUP_DAMAGED',
        `damaged at byte offset ${frame1} (chunk 1): padding byte 9 of the data is not zero`,
      );
      // In a chunk of padding alone, after chunks of payload: 33 bytes pad to 36.
      const longer = patternBytes(33, 5);
      await craft(metadataV2For(longer), paddedChunks(longer, new Uint8Array([0, 0, 7]), 11));
      await expectFailure(open(), 'BACKUP_DAMAGED', /\(chunk 4\): padding byte 35 of the data is not zero/);
    });

    it('padding too long: more bytes than padme(plaintextSize), refused before the final chunk', async () => {
      await craft(metadataV2For(payload), paddedChunks(payload, 1 + 64, 8));
      await expectFailure(
        open(),
        'BACKUP_DAMAGED',
        /\(chunk 2\): the data runs to 16 bytes, past the 10 bytes that 9 bytes of data and their padding take/,
      );
    });

    it('padding too short, or missing', async () => {
      await craft(metadataV2For(payload), paddedChunks(payload, 0, 64));
      await expectFailure(
        open(),
        'BACKUP_DAMAGED',
        /\(chunk 1\): the data ends after 9 bytes, but 9 bytes of data and their padding take 10/,
      );
    });

    it('metadata whose size does not match the payload and padding', async () => {
      // Says 8 bytes (padme(8) = 8): the 10 stored bytes run past it.
      await craft(metadataV2For(payload, { plaintextSize: 8 }), paddedChunks(payload, 1, 64));
      await expectFailure(open(), 'BACKUP_DAMAGED', /past the 8 bytes that 8 bytes of data/);
      // Says 10 (padme(10) = 10): the stored length fits, the payload check does not.
      await craft(metadataV2For(payload, { plaintextSize: 10 }), paddedChunks(payload, 1, 64));
      await expectFailure(
        open(),
        'BACKUP_DAMAGED',
        /\(10 bytes, SHA-256 .*\) does not match what its metadata records/,
      );
      // Says 50 (padme(50) = 52): a file too short for it is refused by readMetadata before any data chunk.
      await craft(metadataV2For(payload, { plaintextSize: 50, noteCount: 0 }), paddedChunks(payload, 1, 64));
      await expectFailure(
        readMetadata(join(dir, 'crafted.nvbak'), fileKey),
        'BACKUP_DAMAGED',
        /records 50 bytes of data \(52 with its padding\)/,
      );
    });

    it('v1 metadata in a v2 file, and tags v2 never writes', async () => {
      const v1Metadata = encodeMetadata({
        formatVersion: 1,
        ...SAMPLE_METADATA,
        plaintextSize: 9,
        plaintextSha256: 'a'.repeat(64),
      });
      await craft(v1Metadata, paddedChunks(payload, 1, 64));
      await expectFailure(
        open(),
        'BACKUP_DAMAGED',
        /says formatVersion 1, but the header says format version 2/,
      );
      await craft(metadataV2For(payload), [
        { plaintext: payload, tag: TAG_PUSH },
        { plaintext: new Uint8Array(1), tag: TAG_FINAL },
      ]);
      await expectFailure(
        open(),
        'BACKUP_DAMAGED',
        '(chunk 1): the chunk has tag 1, which format v2 never writes',
      );
      await craft(metadataV2For(payload), [
        { plaintext: payload, tag: TAG_MESSAGE },
        { plaintext: new Uint8Array(1), tag: TAG_FINAL },
        { plaintext: new Uint8Array(0), tag: TAG_FINAL },
      ]);
      await expectFailure(open(), 'BACKUP_DAMAGED', /unexpected data follow the final chunk \(chunk 2\)/);
    });
  });

  it('refuses a file cut at every frame boundary, and inside the header', async () => {
    // 1000 bytes pad to 1024: ten 100-byte chunks of payload, then one of payload and padding.
    const backup = await writeBackupV2(dir, patternBytes(1000), { chunkSize: 100, ways });
    const good = await readFile(backup.path);
    const offsets = await frameOffsetsV2(backup.path);
    expect(offsets).toHaveLength(1 + 11);
    const cut = join(dir, 'cut.nvbak');
    for (const [index, offset] of offsets.entries()) {
      await writeFile(cut, good.subarray(0, offset));
      const detail =
        index === 0
          ? `at byte offset ${offset} (chunk 0): the file ends right after the header`
          : `at byte offset ${offset} (chunk ${index}): the file ends after chunk ${index - 1} without the final chunk`;
      await expectFailure(decryptToBytes(cut, backup.fileKey), 'BACKUP_DAMAGED', detail);
      for (const secret of ways.secrets) expect(await openWith(cut, secret)).toBe('BACKUP_DAMAGED');
    }
    // Everything after the metadata cut off: readMetadata sees there is no room for any data.
    await writeFile(cut, good.subarray(0, offsets[1]));
    await expectFailure(
      readMetadata(cut, backup.fileKey),
      'BACKUP_DAMAGED',
      /leaves room for no data at all/,
    );
    const failures: string[] = [];
    for (let length = 10; length < offsets[0]!; length++) {
      await writeFile(cut, good.subarray(0, length));
      for (const secret of ways.secrets) {
        const outcome = await openWith(cut, secret);
        if (outcome !== 'BACKUP_DAMAGED') failures.push(`${length} bytes via ${secret.kind}: ${outcome}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/**
 * Damaged and hostile files, in the spirit of age's test suite: every way a backup can be
 * cut, extended, flipped or reordered must give the documented error code, and damage must
 * say where (byte offset and chunk index). Forged-but-authentic streams are in
 * decrypt-stream.rules.test.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src-shared/errors';
import { HEADER_LAYOUT, HEADER_SIZE } from './format-constants';
import type { WrittenBackup } from '../../../test/main/backup/format/test-support';
import {
  decryptToBytes,
  decryptWithPasskey,
  expectFailure,
  frameOffsets,
  makeTempDir,
  patternBytes,
  removeTempDir,
  writeBackup,
} from '../../../test/main/backup/format/test-support';

describe('decrypting damaged or hostile backups', () => {
  let dir = '';
  let backup: WrittenBackup;
  let original: Buffer;
  /** Frame offsets: [metadata, data 1..4]; data chunks hold 100, 100, 100 and 50 bytes. */
  let frames: number[];

  beforeEach(async () => {
    dir = await makeTempDir();
    backup = await writeBackup(dir, patternBytes(350), { chunkSize: 100 });
    original = await readFile(backup.path);
    frames = await frameOffsets(backup.path);
    expect(frames).toHaveLength(5);
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  const at = (i: number): number => frames[i]!;
  const save = async (bytes: Uint8Array): Promise<void> => writeFile(backup.path, bytes);
  const flipBit = (offset: number, bit = 0): Buffer => {
    const copy = Buffer.from(original);
    copy[offset] = copy[offset]! ^ (1 << bit);
    return copy;
  };
  const withKey = (): Promise<Uint8Array> => decryptToBytes(backup.path, backup.key);
  const withPasskey = (passkey = backup.passkey): Promise<Uint8Array> =>
    decryptWithPasskey(backup.path, passkey);

  it('decrypts the untouched file (the baseline every case below breaks)', async () => {
    expect(Buffer.from(await withPasskey()).equals(Buffer.from(backup.plaintext))).toBe(true);
  });

  describe('truncation', () => {
    it('cut right before the final chunk: no final tag', async () => {
      await save(original.subarray(0, at(4)));
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${at(4)} (chunk 4)`,
        /after chunk 3 without the final chunk/,
      );
    });

    it('cut inside the final chunk, inside a middle chunk, and inside a length field', async () => {
      await save(original.subarray(0, original.length - 1));
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${at(4)} (chunk 4)`,
        /ends 1 bytes before the end/,
      );
      await save(original.subarray(0, at(2) + 50));
      await expectFailure(withKey(), 'BACKUP_DAMAGED', `byte offset ${at(2)} (chunk 2)`, /cut short/);
      await save(original.subarray(0, at(3) + 2));
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${at(3)} (chunk 3)`,
        /4-byte length field/,
      );
    });

    it('cut at the end of the header, inside the metadata chunk, and inside the header', async () => {
      await save(original.subarray(0, HEADER_SIZE));
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${HEADER_SIZE} (chunk 0)`,
        /before the metadata chunk/,
      );
      await save(original.subarray(0, at(1) - 3));
      await expectFailure(withKey(), 'BACKUP_DAMAGED', `byte offset ${HEADER_SIZE} (chunk 0)`, /cut short/);
      await save(original.subarray(0, 30));
      await expectFailure(withKey(), 'BACKUP_DAMAGED', /ends at byte offset 30, inside the 64-byte header/);
    });

    it('an empty file and a file shorter than the magic are not backups', async () => {
      await save(new Uint8Array(0));
      await expectFailure(withKey(), 'NOT_A_BACKUP');
      await save(original.subarray(0, 5));
      await expectFailure(withKey(), 'NOT_A_BACKUP');
    });
  });

  describe('extra or malformed frames', () => {
    it('trailing garbage after the final chunk', async () => {
      await save(Buffer.concat([original, Buffer.from('garbage')]));
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${original.length} (chunk 4)`,
        /7 bytes of unexpected data/,
      );
    });

    it('an empty frame after the final chunk, and an empty frame in place of the final chunk', async () => {
      await save(Buffer.concat([original, Buffer.alloc(4)]));
      await expectFailure(withKey(), 'BACKUP_DAMAGED', /4 bytes of unexpected data follow the final chunk/);
      await save(Buffer.concat([original.subarray(0, at(4)), Buffer.alloc(4)]));
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${at(4)} (chunk 4)`,
        /length is 0 bytes, shorter than the 17/,
      );
    });

    it('a chunk shorter than the 17-byte authentication overhead', async () => {
      const short = Buffer.from(original.subarray(0, at(2) + 4 + 10));
      short.writeUInt32LE(10, at(2));
      await save(short);
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${at(2)} (chunk 2)`,
        /length is 10 bytes/,
      );
    });

    it('a hostile frame length is refused before anything is allocated for it', async () => {
      for (const index of [0, 3]) {
        const huge = Buffer.from(original);
        huge.writeUInt32LE(0xffffffff, at(index));
        await save(huge);
        await expectFailure(
          withKey(),
          'BACKUP_DAMAGED',
          `byte offset ${at(index)} (chunk ${index})`,
          /4294967295 bytes, more than the 1048593/,
        );
      }
    });

    it('two data chunks swapped, or one removed', async () => {
      await save(
        Buffer.concat([
          original.subarray(0, at(2)),
          original.subarray(at(3), at(4)),
          original.subarray(at(2), at(3)),
          original.subarray(at(4)),
        ]),
      );
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${at(2)} (chunk 2)`,
        /failed authentication/,
      );
      await save(Buffer.concat([original.subarray(0, at(2)), original.subarray(at(3))]));
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        `byte offset ${at(2)} (chunk 2)`,
        /failed authentication/,
      );
    });
  });

  describe('flipped bits', () => {
    it('in the metadata chunk: indistinguishable from a wrong passkey', async () => {
      for (const offset of [at(0) + 4, at(1) - 1]) {
        await save(flipBit(offset));
        await expectFailure(withKey(), 'WRONG_PASSKEY', /passkey is wrong, or the header .* was altered/);
      }
    });

    it('in a data chunk (body and authentication tag), naming the chunk and its offset', async () => {
      for (const [offset, index] of [
        [at(1) + 4, 1],
        [at(3) + 60, 3],
        [original.length - 1, 4],
      ] as const) {
        await save(flipBit(offset, 3));
        await expectFailure(
          withKey(),
          'BACKUP_DAMAGED',
          `byte offset ${at(index)} (chunk ${index})`,
          /failed authentication/,
        );
      }
    });

    it('in each header field, checked the way the app opens a backup (header -> key -> decrypt)', async () => {
      const cases: [string, number, number, ErrorCode][] = [
        ['magic', HEADER_LAYOUT.magic + 2, 0, 'NOT_A_BACKUP'],
        ['format version up (1 -> 3)', HEADER_LAYOUT.formatVersion, 1, 'BACKUP_UNSUPPORTED'],
        ['format version high byte', HEADER_LAYOUT.formatVersion + 1, 0, 'BACKUP_UNSUPPORTED'],
        ['format version down (1 -> 0)', HEADER_LAYOUT.formatVersion, 0, 'BACKUP_DAMAGED'],
        ['KDF algorithm', HEADER_LAYOUT.kdfAlgorithm, 0, 'BACKUP_UNSUPPORTED'],
        ['opslimit (1 -> 3)', HEADER_LAYOUT.opslimit, 1, 'WRONG_PASSKEY'],
        ['opslimit (1 -> 0)', HEADER_LAYOUT.opslimit, 0, 'BACKUP_DAMAGED'],
        ['opslimit top bit', HEADER_LAYOUT.opslimit + 3, 7, 'BACKUP_UNSUPPORTED'],
        ['memlimit (8 KiB -> 24 KiB)', HEADER_LAYOUT.memlimit + 1, 6, 'WRONG_PASSKEY'],
        ['memlimit (8 KiB -> 0)', HEADER_LAYOUT.memlimit + 1, 5, 'BACKUP_DAMAGED'],
        ['memlimit top bit', HEADER_LAYOUT.memlimit + 7, 7, 'BACKUP_UNSUPPORTED'],
        ['salt', HEADER_LAYOUT.salt + 9, 4, 'WRONG_PASSKEY'],
        ['secretstream header', HEADER_LAYOUT.streamHeader + 5, 2, 'WRONG_PASSKEY'],
        ['last header byte', HEADER_SIZE - 1, 7, 'WRONG_PASSKEY'],
      ];
      for (const [field, offset, bit, code] of cases) {
        await save(flipBit(offset, bit));
        await expectFailure(withPasskey(), code).catch((error: unknown) => {
          throw new Error(`flipping a bit in the ${field}: ${String(error)}`);
        });
      }
    });

    it('a header field changed but the key derived from the original header: the AD binding catches it', async () => {
      // Salt and KDF costs only matter for derivation; without the AD binding a changed
      // salt would go unnoticed by someone holding the right key.
      await save(flipBit(HEADER_LAYOUT.salt));
      await expectFailure(withKey(), 'WRONG_PASSKEY');
      await save(flipBit(HEADER_LAYOUT.opslimit, 1));
      await expectFailure(withKey(), 'WRONG_PASSKEY');
    });
  });
});

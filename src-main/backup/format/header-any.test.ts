import { open, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { decodeAnyHeader, decodeHeaderV1, encodeHeader, inspectAnyHeader, readAnyHeader } from './header';
import { encodeHeaderV2 } from './v2/header-v2';
import { encodeSlot } from './v2/slots';
import { newFileKey } from './v2/way-in-keys';
import {
  cheapKdfParams,
  expectFailure,
  expectThrows,
  makeTempDir,
  removeTempDir,
} from '../../../test/main/backup/format/test-support';
import {
  STREAM_HEADER,
  assembleRawHeader,
  makeWayInSecrets,
  rawSlot,
} from '../../../test/main/backup/format/v2-header-support';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The real handle, with the size of every buffer a read fills recorded. */
function recordingReads(handle: FileHandle): { handle: FileHandle; reads: number[] } {
  const reads: number[] = [];
  const recorded = new Proxy(handle, {
    get(target, property) {
      if (property === 'read') {
        return (buffer: Uint8Array, offset: number, length: number, position: number) => {
          reads.push(buffer.length);
          return target.read(buffer, offset, length, position);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { handle: recorded, reads };
}

describe('decodeAnyHeader', async () => {
  const ways = await makeWayInSecrets();
  const v2 = await encodeHeaderV2(newFileKey(), STREAM_HEADER, ways.recipients);
  const v1 = encodeHeader(cheapKdfParams(), STREAM_HEADER);

  it('reads a v1 header exactly as decodeHeaderV1 does, and a v2 header as version 2', () => {
    const one = decodeAnyHeader(v1, 'one.nvbak');
    expect(one).toEqual(decodeHeaderV1(v1, 'one.nvbak'));
    expect(one.formatVersion).toBe(1);
    const two = decodeAnyHeader(v2, 'two.nvbak');
    expect(two.formatVersion).toBe(2);
    expect(two.formatVersion === 2 && two.headerLength).toBe(402);
  });

  it('refuses a version after 2 with the update message, and version 0 as damage', () => {
    const three = new Uint8Array(v2);
    three[8] = 3;
    expectThrows(
      () => decodeAnyHeader(three.subarray(0, 10), 'x'),
      'BACKUP_UNSUPPORTED',
      'This backup was written in format version 3; this NoteVault reads versions 1 and 2. Update NoteVault to open it.',
    );
    const zero = new Uint8Array(v2);
    zero[8] = 0;
    expectThrows(() => decodeAnyHeader(zero, 'x'), 'BACKUP_DAMAGED', /format version 0 does not exist/);
  });

  it('calls a three-slot header cut at any byte offset damaged (not a backup before the signature is whole)', () => {
    for (let length = 0; length < v2.length; length++) {
      const cut = v2.subarray(0, length);
      if (length < 8) expectThrows(() => decodeAnyHeader(cut, 'cut.nvbak'), 'NOT_A_BACKUP');
      else
        expectThrows(
          () => decodeAnyHeader(cut, 'cut.nvbak'),
          'BACKUP_DAMAGED',
          `ends at byte offset ${length}, inside the`,
        );
    }
  });
});

describe('readAnyHeader and inspectAnyHeader on files', async () => {
  const ways = await makeWayInSecrets();
  const fileKey = newFileKey();
  const v2 = await encodeHeaderV2(fileKey, STREAM_HEADER, ways.recipients);
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  async function readRecorded(bytes: Uint8Array): Promise<{ reads: number[]; result: Promise<unknown> }> {
    const path = join(dir, 'r.nvbak');
    await writeFile(path, bytes);
    const file = await open(path, 'r');
    const { handle, reads } = recordingReads(file);
    const result = readAnyHeader(handle, path).finally(() => file.close());
    await result.catch(() => undefined);
    return { reads, result };
  }

  it('reads 40 bytes, then exactly the header, whatever follows it', async () => {
    const { reads, result } = await readRecorded(Buffer.concat([v2, Buffer.alloc(1 << 20, 1)]));
    expect(reads).toEqual([40, 402]);
    expect(hex(((await result) as { bytes: Uint8Array }).bytes)).toBe(hex(v2));
  });

  it('reads at most 72 + 1024 bytes for the largest slot area, and only 40 when the bounds refuse the file', async () => {
    const deviceSlot = await encodeSlot(fileKey, ways.recipients[2]!);
    const largest = await assembleRawHeader(
      [rawSlot(9, new Uint8Array(1024 - 4 - 100)), deviceSlot],
      fileKey,
    );
    const big = await readRecorded(Buffer.concat([largest, Buffer.alloc(5000)]));
    expect(big.reads).toEqual([40, 1096]);
    expect(((await big.result) as { headerLength: number }).headerLength).toBe(1096);

    const claimsHuge = await assembleRawHeader([rawSlot(3, new Uint8Array(96))], fileKey, {
      slotAreaLength: 65535,
    });
    const huge = await readRecorded(Buffer.concat([claimsHuge, Buffer.alloc(70000)]));
    expect(huge.reads).toEqual([40]);
    await expectFailure(huge.result, 'BACKUP_UNSUPPORTED', /65535 bytes/);

    const tooMany = await assembleRawHeader([rawSlot(3, new Uint8Array(96))], fileKey, { slotCount: 9 });
    const many = await readRecorded(Buffer.concat([tooMany, Buffer.alloc(70000)]));
    expect(many.reads).toEqual([40]);
    await expectFailure(many.result, 'BACKUP_UNSUPPORTED', /9 key slots/);
  });

  it('calls a file cut at any byte offset of a three-slot header damaged', async () => {
    for (let length = 8; length < v2.length; length++) {
      const path = join(dir, `cut-${length}.nvbak`);
      await writeFile(path, v2.subarray(0, length));
      await expectFailure(
        inspectAnyHeader(path),
        'BACKUP_DAMAGED',
        `ends at byte offset ${length}, inside the`,
      );
    }
  }, 30_000);

  it('reads v1 files as before, and a SQLite database is not a backup', async () => {
    const v1Path = join(dir, 'v1.nvbak');
    const v1 = encodeHeader(cheapKdfParams(), STREAM_HEADER);
    await writeFile(v1Path, Buffer.concat([v1, Buffer.alloc(300, 2)]));
    expect(await inspectAnyHeader(v1Path)).toEqual(decodeHeaderV1(v1, v1Path));
    const dbPath = join(dir, 'notes.db');
    const db = new Database(dbPath);
    db.exec('CREATE TABLE t (x)');
    db.close();
    await expectFailure(inspectAnyHeader(dbPath), 'NOT_A_BACKUP', /notes\.db is not a NoteVault backup/);
  });
});

import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src-shared/errors';
import {
  HEADER_LAYOUT,
  HEADER_SIZE,
  decodeHeaderV1,
  encodeHeader,
  inspectHeaderV1,
  readHeaderV1,
} from './header';
import {
  cheapKdfParams,
  expectFailure,
  expectThrows,
  makeTempDir,
  removeTempDir,
} from '../../../test/main/backup/format/test-support';

const streamHeader = Uint8Array.from({ length: 24 }, (_, i) => 100 + i);

function validHeader(): Uint8Array {
  return encodeHeader({ ...cheapKdfParams(), opslimit: 2, memlimit: 65536 }, streamHeader);
}

function withField(bytes: Uint8Array, edit: (view: DataView) => void): Uint8Array {
  const copy = new Uint8Array(bytes);
  edit(new DataView(copy.buffer));
  return copy;
}

describe('encodeHeader / decodeHeaderV1', () => {
  it('round-trips every field and keeps the exact bytes for use as additional data', () => {
    const kdf = cheapKdfParams();
    const bytes = encodeHeader(kdf, streamHeader);
    expect(bytes).toHaveLength(HEADER_SIZE);
    const header = decodeHeaderV1(bytes, 'b.nvbak');
    expect(header.formatVersion).toBe(1);
    expect(header.kdf).toEqual(kdf);
    expect(Array.from(header.streamHeader)).toEqual(Array.from(streamHeader));
    expect(Array.from(header.bytes)).toEqual(Array.from(bytes));
  });

  it('stores fields little-endian at the documented offsets', () => {
    const bytes = Buffer.from(validHeader());
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('NVBACKUP');
    expect(bytes.readUInt16LE(HEADER_LAYOUT.formatVersion)).toBe(1);
    expect(bytes.readUInt16LE(HEADER_LAYOUT.kdfAlgorithm)).toBe(2);
    expect(bytes.readUInt32LE(HEADER_LAYOUT.opslimit)).toBe(2);
    expect(bytes.readBigUInt64LE(HEADER_LAYOUT.memlimit)).toBe(65536n);
    expect(Array.from(bytes.subarray(HEADER_LAYOUT.streamHeader))).toEqual(Array.from(streamHeader));
  });

  it('rejects files without the magic as not a backup', () => {
    expectThrows(
      () => decodeHeaderV1(new Uint8Array(0), 'empty.bin'),
      'NOT_A_BACKUP',
      /empty\.bin is not a NoteVault backup/,
    );
    const wrongMagic = validHeader();
    wrongMagic[3] = 0x00;
    expectThrows(() => decodeHeaderV1(wrongMagic, 'x'), 'NOT_A_BACKUP');
  });

  it('calls a header cut short damaged, naming where the file ends', () => {
    for (const length of [9, 10, 40, HEADER_SIZE - 1]) {
      expectThrows(
        () => decodeHeaderV1(validHeader().subarray(0, length), 'cut.nvbak'),
        'BACKUP_DAMAGED',
        `ends at byte offset ${length}, inside the 64-byte header`,
      );
    }
  });

  it('refuses a newer format version with the update message, and version 0 as damage', () => {
    const future = withField(validHeader(), (v) => v.setUint16(HEADER_LAYOUT.formatVersion, 2, true));
    expectThrows(
      () => decodeHeaderV1(future, 'x'),
      'BACKUP_UNSUPPORTED',
      'This backup was written in format version 2; this NoteVault reads version 1. Update NoteVault to open it.',
    );
    // The version is checked before the rest of the header even exists.
    expectThrows(() => decodeHeaderV1(future.subarray(0, 10), 'x'), 'BACKUP_UNSUPPORTED');
    const zero = withField(validHeader(), (v) => v.setUint16(HEADER_LAYOUT.formatVersion, 0, true));
    expectThrows(() => decodeHeaderV1(zero, 'x'), 'BACKUP_DAMAGED');
  });

  it('bounds KDF fields read from the file before anything uses them', () => {
    const cases: [(v: DataView) => void, ErrorCode, RegExp][] = [
      [(v) => v.setUint16(HEADER_LAYOUT.kdfAlgorithm, 1, true), 'BACKUP_UNSUPPORTED', /algorithm id 1/],
      [
        (v) => v.setUint32(HEADER_LAYOUT.opslimit, 0xffffffff, true),
        'BACKUP_UNSUPPORTED',
        /4294967295 Argon2id passes.*at most 12/,
      ],
      [
        (v) => v.setBigUint64(HEADER_LAYOUT.memlimit, 2n ** 64n - 1n, true),
        'BACKUP_UNSUPPORTED',
        /memlimit.*at most 1073741824/,
      ],
      [
        (v) => v.setBigUint64(HEADER_LAYOUT.memlimit, 2n ** 31n, true),
        'BACKUP_UNSUPPORTED',
        /2147483648 bytes/,
      ],
      [(v) => v.setUint32(HEADER_LAYOUT.opslimit, 0, true), 'BACKUP_DAMAGED', /opslimit 0/],
      [(v) => v.setBigUint64(HEADER_LAYOUT.memlimit, 1024n, true), 'BACKUP_DAMAGED', /memlimit 1024/],
    ];
    for (const [edit, code, message] of cases) {
      expectThrows(() => decodeHeaderV1(withField(validHeader(), edit), 'k.nvbak'), code, message);
    }
  });
});

describe('reading headers from files', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  it('inspectHeaderV1 reads the KDF costs without a passkey, and readHeaderV1 takes a handle or bytes', async () => {
    const bytes = validHeader();
    const path = join(dir, 'h.nvbak');
    await writeFile(path, Buffer.concat([bytes, Buffer.alloc(100, 7)]));
    const header = await inspectHeaderV1(path);
    expect(header.kdf).toMatchObject({ opslimit: 2, memlimit: 65536 });
    const handle = await open(path, 'r');
    try {
      expect((await readHeaderV1(handle, path)).kdf).toEqual(header.kdf);
    } finally {
      await handle.close();
    }
    expect((await readHeaderV1(bytes, 'mem')).kdf).toEqual(header.kdf);
  });

  it('calls a SQLite database not a backup', async () => {
    const path = join(dir, 'notes.db');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    await expectFailure(inspectHeaderV1(path), 'NOT_A_BACKUP', /notes\.db is not a NoteVault backup/);
  });

  it('reports a missing file as an I/O error that names it', async () => {
    await expectFailure(
      inspectHeaderV1(join(dir, 'gone.nvbak')),
      'IO',
      /gone\.nvbak": the file or folder does not exist/,
    );
  });
});

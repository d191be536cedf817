/**
 * Test support: every way a file offered for restore can be wrong, each with the error code
 * and message the pipeline must give. Built from a real backup made by createBackup, or
 * encrypted with the real format writer where the payload itself is the problem.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ErrorCode } from '../../../src-shared/errors';
import { makeForeignDatabase, makeNotesDatabase } from './backup-test-support';
import { encryptFileToFile } from '../../../src-main/backup/format/encrypt-stream';
import { HEADER_LAYOUT } from '../../../src-main/backup/format/format-constants';
import type { KdfParams } from '../../../src-main/backup/format/kdf';
import type { BackupMetadataInput } from '../../../src-main/backup/format/metadata';
import { frameOffsets, rewriteMetadata } from './format/test-support';

export interface DamageCase {
  name: string;
  code: ErrorCode;
  message: RegExp;
  /** Writes the bad file into `dir` and returns its path. */
  make: (good: string, dir: string, key: { key: Uint8Array; kdf: KdfParams }) => string | Promise<string>;
  /** The passkey to offer; the right one unless the case is about a wrong one. */
  passkey?: string;
}

const META: BackupMetadataInput = {
  appVersion: '0.1.0',
  schemaVersion: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  noteCount: 0,
  kind: 'manual',
};

function variant(good: string, dir: string, name: string, change: (bytes: Buffer) => Buffer): string {
  const path = join(dir, `${name}.nvbak`);
  writeFileSync(path, change(Buffer.from(readFileSync(good))));
  return path;
}

function flip(bytes: Buffer, at: number): Buffer {
  bytes[at] = (bytes[at] ?? 0) ^ 0x10;
  return bytes;
}

async function encryptPayload(
  dir: string,
  name: string,
  key: { key: Uint8Array; kdf: KdfParams },
  build: (path: string) => void,
  meta: Partial<BackupMetadataInput> = {},
): Promise<string> {
  const source = join(dir, `${name}.payload`);
  build(source);
  const path = join(dir, `${name}.nvbak`);
  await encryptFileToFile(
    source,
    path,
    { formatVersion: 1, key: key.key, kdf: key.kdf },
    { ...META, ...meta },
  );
  return path;
}

/** The good backup with lying metadata members, authentically encrypted. */
async function lie(
  good: string,
  dir: string,
  key: { key: Uint8Array },
  lies: Record<string, unknown>,
): Promise<string> {
  const path = join(dir, 'liar.nvbak');
  await rewriteMetadata(good, path, key.key, lies);
  return path;
}

const dataChunk = async (good: string): Promise<number> => {
  const offsets = await frameOffsets(good);
  if (offsets.length < 4) throw new Error('the sample backup needs at least three data chunks');
  return offsets[2] ?? 0;
};

export const DAMAGE_CASES: DamageCase[] = [
  {
    name: 'a wrong passkey',
    code: 'WRONG_PASSKEY',
    message: /passkey is wrong/,
    passkey: 'not the passkey',
    make: (good) => good,
  },
  {
    name: 'truncation inside the header',
    code: 'BACKUP_DAMAGED',
    message: /ends at byte offset 40, inside the 64-byte header/,
    make: (good, dir) => variant(good, dir, 'cut-header', (b) => b.subarray(0, 40)),
  },
  {
    name: 'truncation inside a data chunk',
    code: 'BACKUP_DAMAGED',
    // Caught from the metadata, before any data is decrypted or space is reserved for it.
    message: /records \d+ bytes of data, but the file ends at byte offset \d+.*cut short/,
    make: async (good, dir) => {
      const at = await dataChunk(good);
      return variant(good, dir, 'cut-chunk', (b) => b.subarray(0, at + 30));
    },
  },
  {
    name: 'truncation before the final chunk',
    code: 'BACKUP_DAMAGED',
    message: /records \d+ bytes of data, but the file ends at byte offset \d+.*cut short/,
    make: async (good, dir) => {
      const last = (await frameOffsets(good)).at(-1) ?? 0;
      return variant(good, dir, 'cut-final', (b) => b.subarray(0, last));
    },
  },
  {
    name: 'metadata claiming the largest exact size, 2^53 - 1 bytes',
    code: 'BACKUP_DAMAGED',
    message: /records 9007199254740991 bytes of data, but the file ends/,
    make: (good, dir, key) => lie(good, dir, key, { plaintextSize: Number.MAX_SAFE_INTEGER }),
  },
  {
    name: 'metadata claiming 10^12 bytes',
    code: 'BACKUP_DAMAGED',
    message: /records 1000000000000 bytes of data, but the file ends/,
    make: (good, dir, key) => lie(good, dir, key, { plaintextSize: 1e12 }),
  },
  {
    name: 'metadata claiming a fractional size',
    code: 'BACKUP_DAMAGED',
    message: /metadata .* has invalid fields.*plaintextSize/,
    make: (good, dir, key) => lie(good, dir, key, { plaintextSize: 4096.5 }),
  },
  {
    name: 'metadata claiming more notes than its size can hold',
    code: 'BACKUP_DAMAGED',
    message: /records 1000000000 notes, more than \d+ bytes of data can hold/,
    make: (good, dir, key) => lie(good, dir, key, { noteCount: 1e9 }),
  },
  {
    name: 'a flipped bit in the header',
    code: 'WRONG_PASSKEY',
    message: /header of .* was altered/,
    make: (good, dir) => variant(good, dir, 'flip-header', (b) => flip(b, HEADER_LAYOUT.streamHeader + 3)),
  },
  {
    name: 'a flipped bit in the metadata chunk',
    code: 'WRONG_PASSKEY',
    message: /first chunk \(byte offset 64\) could not be decrypted/,
    make: (good, dir) => variant(good, dir, 'flip-metadata', (b) => flip(b, 64 + 4 + 20)),
  },
  {
    name: 'a flipped bit in a data chunk',
    code: 'BACKUP_DAMAGED',
    message: /damaged at byte offset \d+ \(chunk 2\): the chunk failed authentication/,
    make: async (good, dir) => {
      const at = await dataChunk(good);
      return variant(good, dir, 'flip-data', (b) => flip(b, at + 4 + 100));
    },
  },
  {
    name: 'trailing bytes',
    code: 'BACKUP_DAMAGED',
    message: /7 bytes of unexpected data follow the final chunk/,
    make: (good, dir) => variant(good, dir, 'trailing', (b) => Buffer.concat([b, Buffer.from('garbage')])),
  },
  {
    name: 'a future format version',
    code: 'BACKUP_UNSUPPORTED',
    message: /format version 3; this NoteVault reads versions 1 and 2/,
    make: (good, dir) =>
      variant(good, dir, 'future', (b) => {
        b.writeUInt16LE(3, HEADER_LAYOUT.formatVersion);
        return b;
      }),
  },
  {
    name: 'absurd KDF parameters',
    code: 'BACKUP_UNSUPPORTED',
    message: /asks for 4294967295 Argon2id passes/,
    make: (good, dir) =>
      variant(good, dir, 'kdf', (b) => {
        b.writeUInt32LE(0xffffffff, HEADER_LAYOUT.opslimit);
        return b;
      }),
  },
  {
    name: 'a file that is not a backup',
    code: 'NOT_A_BACKUP',
    message: /is not a NoteVault backup/,
    make: (_good, dir) => {
      const path = join(dir, 'holiday.nvbak');
      writeFileSync(path, 'Just some text someone renamed.');
      return path;
    },
  },
  {
    name: 'a backup of another SQLite program',
    code: 'DB_FOREIGN',
    message: /another program \(application id 0x12345678\)/,
    make: (_good, dir, key) => encryptPayload(dir, 'foreign', key, (p) => makeForeignDatabase(p)),
  },
  {
    name: 'a SQLite database with our id but no notes table',
    code: 'DB_FOREIGN',
    message: /without a notes table/,
    make: (_good, dir, key) =>
      encryptPayload(dir, 'no-notes', key, (p) => makeForeignDatabase(p, 0x4e564c54)),
  },
  {
    name: 'an encrypted payload that is not SQLite',
    code: 'DB_NOT_SQLITE',
    message: /does not hold a SQLite database/,
    make: (_good, dir, key) => encryptPayload(dir, 'text', key, (p) => writeFileSync(p, 'x'.repeat(5000))),
  },
  {
    name: 'a notes database from a newer NoteVault',
    code: 'DB_NEWER_SCHEMA',
    message: /schema version 99, made by a newer NoteVault/,
    make: (good, dir, key) =>
      encryptPayload(dir, 'newer', key, (p) => {
        const db = new Database(p);
        db.pragma('application_id = 0x4e564c54');
        db.exec('CREATE TABLE notes (seq INTEGER PRIMARY KEY)');
        db.pragma('user_version = 99');
        db.close();
      }),
  },
  {
    name: 'a damaged database inside an intact backup',
    code: 'DB_CORRUPT',
    message: /damaged/,
    make: (_good, dir, key) =>
      encryptPayload(
        dir,
        'corrupt',
        key,
        (p) => {
          makeNotesDatabase(p, 40, 500);
          const db = new Database(p);
          db.pragma('journal_mode = DELETE');
          db.close();
          const bytes = readFileSync(p);
          // Scribble over the middle of the last page, a b-tree page of the notes data.
          bytes.fill(0x5a, bytes.length - 3000, bytes.length - 1000);
          writeFileSync(p, bytes);
        },
        { noteCount: 40 },
      ),
  },
  {
    name: 'metadata that disagrees with the database inside',
    code: 'BACKUP_DAMAGED',
    message: /promises 999 notes .* holds 0 notes/,
    make: (_good, dir, key) =>
      encryptPayload(
        dir,
        'liar',
        key,
        (p) => {
          const db = new Database(p);
          db.pragma('application_id = 0x4e564c54');
          db.exec('CREATE TABLE notes (seq INTEGER PRIMARY KEY)');
          db.pragma('user_version = 2');
          db.close();
        },
        { noteCount: 999 },
      ),
  },
];

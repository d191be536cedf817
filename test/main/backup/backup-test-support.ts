/**
 * Shared by this folder's pipeline tests (not format/): real temp folders, real notes
 * databases built through the app's own repository, cheap keys, and probes for what a job
 * leaves behind. Only *.test.ts files import this module.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { closeNotesDatabase, openNotesDatabase } from '../../../src-main/db/open-database';
import { NotesRepository } from '../../../src-main/db/notes-repository';
import { nodeFileSystem } from '../../../src-main/fsx/fs-seam';
import type { FileSystem } from '../../../src-main/fsx/fs-seam';
import { fsError, scripted } from '../fsx/test-faults';
import { deriveKey } from '../../../src-main/backup/format/kdf';
import type { KdfParams } from '../../../src-main/backup/format/kdf';
import { cheapKdfParams } from './format/test-support';
import { notesDigest } from '../../../src-main/backup/notes-database-checks';
import { createBackup } from '../../../src-main/backup/create-backup';
import { encryptFileToFile } from '../../../src-main/backup/format/encrypt-stream';
import { snapshotDatabase } from '../../../src-main/backup/snapshot';
import type { PasskeyForWriting } from '../../../src-main/backup/write-keys';
import type { KeySource } from '../../../src-main/backup/passkey-or-key';
import { unlockBackup } from '../../../src-main/backup/unlock-backup';
import { inspectAnyHeader } from '../../../src-main/backup/format/header';
import type { RestoreBackupRequest } from '../../../src-main/backup/restore-backup';

export const PASSKEY = 'correct horse battery staple';

export interface Workspace {
  root: string;
  /** Folder of the live database. */
  dbDir: string;
  db: string;
  backups: string;
  /** tempParent for every job, so leftovers can be listed without other tests' noise. */
  temp: string;
  safety: string;
}

/** A fresh set of folders per test, removed afterwards. */
export function useWorkspace(): Workspace {
  const ws = {} as Workspace;
  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'nv-pipeline-'));
    Object.assign(ws, {
      root,
      dbDir: join(root, 'profile'),
      db: join(root, 'profile', 'notes.db'),
      backups: join(root, 'backups'),
      temp: join(root, 'tmp'),
      safety: join(root, 'safety'),
    });
    for (const dir of [ws.dbDir, ws.backups, ws.temp]) mkdirSync(dir);
  });
  afterEach(() => {
    rmSync(ws.root, { recursive: true, force: true });
  });
  return ws;
}

const WORDS = 'alpha beta gamma delta notes vault backup restore river stone cloud paper ink lamp'.split(' ');

/** Text of about `length` characters from a small vocabulary (keeps the FTS index small). */
export function prose(length: number, seed: number): string {
  const words: string[] = [];
  let x = seed * 2654435761 + 1;
  let size = 0;
  while (size < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const word = WORDS[x % WORDS.length] ?? 'x';
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ');
}

/** A real NoteVault database (schema, WAL, FTS) with `count` notes of about `bodySize` chars. */
export function makeNotesDatabase(path: string, count: number, bodySize = 200, seed = 1): void {
  const db = openNotesDatabase(path);
  try {
    const notes = new NotesRepository(db);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        notes.create({ title: `Note ${seed}-${i}`, body: prose(bodySize, seed * 100_000 + i) });
      }
    })();
  } finally {
    closeNotesDatabase(db);
  }
}

export function addNotes(path: string, count: number, seed: number): void {
  makeNotesDatabase(path, count, 100, seed);
}

/** Count and SHA-256 of every notes row, read through a normal (read-write) connection. */
export function liveNotes(path: string): { noteCount: number; sha256: string } {
  const db = openNotesDatabase(path);
  try {
    return notesDigest(db);
  } finally {
    closeNotesDatabase(db);
  }
}

/**
 * SHA-256 of the database file and of its -wal and -journal. A missing and an empty -wal
 * count as the same state ('no frames'): a read-only connection to a WAL database that no
 * one else has open must create an empty -wal (and -shm) and cannot delete it afterwards,
 * and an empty WAL holds no content. The -shm is only an index into the -wal.
 */
export function fileState(path: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const suffix of ['', '-wal', '-journal']) {
    const file = path + suffix;
    const bytes = existsSync(file) ? readFileSync(file) : undefined;
    state[suffix || 'main'] =
      bytes === undefined || (suffix === '-wal' && bytes.length === 0)
        ? 'no frames'
        : createHash('sha256').update(bytes).digest('hex');
  }
  return state;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const LEFTOVER = /^notevault-tmp-|^notevault-wipe-|\.partial$/;

/** Plaintext temp folders, wipe leftovers and partials in any of `folders` (missing ones skipped). */
export function leftovers(...folders: string[]): string[] {
  return folders.flatMap((folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => LEFTOVER.test(name))
          .map((n) => join(folder, n))
      : [],
  );
}

export function filesIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

/** A manual backup of the workspace's database into its backups folder; returns the file. */
export async function backUpWorkspace(
  ws: Workspace,
  keySource: PasskeyForWriting,
  inMemoryLimit?: number,
): Promise<string> {
  const made = await createBackup({
    databasePath: ws.db,
    destination: ws.backups,
    keySource,
    kind: 'manual',
    appVersion: '0.1.0',
    tempParent: ws.temp,
    inMemoryLimit,
  });
  return made.file;
}

/**
 * A restore of `file` over the workspace's database, safety backup into its safety folder, at
 * cheap key costs so tests stay fast; `overrides` changes any field.
 */
export function workspaceRestoreRequest(
  ws: Workspace,
  file: string,
  overrides: Partial<RestoreBackupRequest> = {},
): RestoreBackupRequest {
  return {
    file,
    databasePath: ws.db,
    keySource: { passkey: PASSKEY },
    // The user's own passkey, which in most tests is also the backup's.
    safetyKeySource: { passkey: PASSKEY },
    safetyBackupFolder: ws.safety,
    safetyBackupCosts: CHEAP_COSTS,
    appVersion: '0.1.0',
    tempParent: ws.temp,
    ...overrides,
  };
}

export interface CheapKey {
  key: Uint8Array;
  kdf: KdfParams;
}

/**
 * libsodium's minimum work factors, for restores' safety backups (safetyBackupCosts): the
 * default ones cost 256 MiB and seconds per restore.
 */
export const CHEAP_COSTS = { opslimit: cheapKdfParams().opslimit, memlimit: cheapKdfParams().memlimit };

/** A key for PASSKEY with libsodium's minimum work factors: milliseconds instead of seconds. */
export async function cheapKey(passkey = PASSKEY): Promise<CheapKey> {
  const kdf = cheapKdfParams();
  return { key: await deriveKey(passkey, kdf), kdf };
}

/** A SQLite database of some other program: its own application id, no notes table. */
export function makeForeignDatabase(path: string, applicationId = 0x12345678): void {
  const db = new Database(path);
  try {
    db.pragma(`application_id = ${applicationId}`);
    db.exec(
      "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO recipes (name) VALUES ('soup')",
    );
  } finally {
    db.close();
  }
}

/** A Windows-flavoured file system whose `open` of paths matching `which` fails by `codes`. */
export function failingOpens(
  which: RegExp,
  codes: readonly string[],
  platform: NodeJS.Platform = 'win32',
): FileSystem {
  const failing = scripted(nodeFileSystem.open, codes, 'open');
  return {
    ...nodeFileSystem,
    platform,
    open: (path, flags, mode) =>
      which.test(path) ? failing(path, flags, mode) : nodeFileSystem.open(path, flags, mode),
  };
}

/** A file system on which every write to a file matching `which` fails with ENOSPC. */
export function diskFullFor(which: RegExp): FileSystem {
  return {
    ...nodeFileSystem,
    open: async (path, flags, mode) => {
      const handle = await nodeFileSystem.open(path, flags, mode);
      if (!which.test(path)) return handle;
      return new Proxy(handle, {
        get(target, property) {
          if (property === 'write') return () => Promise.reject(fsError('ENOSPC', 'write', path));
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
}

/** statfs answering that only `freeBytes` are available, wherever it is asked. */
export function volumeWithFree(freeBytes: number): FileSystem {
  return {
    ...nodeFileSystem,
    statfs: async (path) => ({ ...(await nodeFileSystem.statfs(path)), bsize: 1, bavail: freeBytes }),
  };
}

/**
 * Linux's /dev/full: every write to it fails with ENOSPC, from the kernel itself. A link to it
 * where a job writes a file makes that one file land on a "full drive" that SQLite and Node
 * really write to: no root, no tiny mount, and every other file stays on the real disk.
 */
export const FULL_DEVICE = '/dev/full';
export const canFillUp = process.platform === 'linux' && existsSync(FULL_DEVICE);

export function onFullDrive(path: string): string {
  symlinkSync(FULL_DEVICE, path);
  return path;
}

/** A file system whose private temp folders each hold `name` already, on a full drive (see onFullDrive). */
export function tempFoldersOnFullDrive(name: string): FileSystem {
  return {
    ...nodeFileSystem,
    mkdtemp: async (prefix) => {
      const dir = await nodeFileSystem.mkdtemp(prefix);
      onFullDrive(join(dir, name));
      return dir;
    },
  };
}

/**
 * The key decryptFile needs for `file`, opened with `source` the way the pipeline opens it
 * (unlock-backup.ts): a v1 file's derived key, a v2 file's file key. The caller may wipe it.
 */
export async function fileKeyOf(file: string, source: KeySource): Promise<Uint8Array> {
  return (await unlockBackup(file, await inspectAnyHeader(file), source)).key;
}

/**
 * A format-version-1 backup of the database at `db` into `file`, as NoteVault wrote before v2
 * (the v1 writer is kept for tests like this one): v1 files must keep opening everywhere, and
 * the v1 damage rules are checked on one. `tempDir` holds the snapshot for a moment.
 */
export async function writeV1Backup(
  db: string,
  file: string,
  key: CheapKey,
  tempDir: string,
  chunkSize?: number,
): Promise<string> {
  const dir = mkdtempSync(join(tempDir, 'notevault-tmp-v1-'));
  try {
    const snapshot = join(dir, 'snapshot.db');
    const facts = await snapshotDatabase(db, snapshot);
    await encryptFileToFile(
      snapshot,
      file,
      { formatVersion: 1, key: key.key, kdf: key.kdf },
      {
        appVersion: '0.1.0',
        schemaVersion: facts.schemaVersion,
        createdAt: '2026-01-01T00:00:00.000Z',
        noteCount: facts.noteCount,
        kind: 'manual',
      },
      { chunkSize },
    );
    return file;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** writeV1Backup of the workspace's database into its backups folder. */
export function v1BackupOfWorkspace(ws: Workspace, key: CheapKey, chunkSize?: number): Promise<string> {
  return writeV1Backup(
    ws.db,
    join(ws.backups, 'NoteVault-2026-01-01T00-00-00Z.nvbak'),
    key,
    ws.temp,
    chunkSize,
  );
}

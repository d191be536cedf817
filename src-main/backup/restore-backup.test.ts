import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../db/run-migrations';
import { LATEST_SCHEMA_VERSION } from '../db/schema-constants';
import {
  PASSKEY,
  addNotes,
  fileState,
  backUpWorkspace,
  workspaceRestoreRequest,
  cheapKey,
  fileKeyOf,
  filesIn,
  leftovers,
  liveNotes,
  makeNotesDatabase,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import type { CheapKey } from '../../test/main/backup/backup-test-support';
import { createBackup } from './create-backup';
import { DEFAULT_MEMLIMIT, DEFAULT_OPSLIMIT } from './format/format-constants';
import { inspectAnyHeader } from './format/header';
import type { AnyBackupHeader } from './format/header';
import { passkeyKdfOf } from './format/opening-cost';
import type { KdfParams } from './format/kdf';
import { decryptToBytes } from '../../test/main/backup/format/test-support';
import { notesDigest } from './notes-database-checks';
import type { BackupPhase } from './progress';
import { restoreBackup } from './restore-backup';
import type { RestoreBackupRequest } from './restore-backup';

const ws = useWorkspace();

/** The passkey slot's settings (v2) or the header's (v1). */
function kdfOf(header: AnyBackupHeader): KdfParams {
  const kdf = passkeyKdfOf(header);
  if (kdf === undefined) throw new Error('no passkey slot');
  return kdf;
}

function backUp(key: CheapKey | { passkey: string }, inMemoryLimit?: number): Promise<string> {
  return backUpWorkspace(ws, key, inMemoryLimit);
}

const restoreRequest = (file: string, overrides: Partial<RestoreBackupRequest> = {}): RestoreBackupRequest =>
  workspaceRestoreRequest(ws, file, overrides);

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

function expectClean(): void {
  expect(leftovers(ws.temp, ws.dbDir, ws.backups, ws.safety)).toEqual([]);
  expect(filesIn(ws.temp)).toEqual([]);
}

describe('restoreBackup', () => {
  for (const [label, notes] of [
    ['an empty database', 0],
    ['one note', 1],
  ] as const) {
    it(`brings back ${label} and keeps the replaced notes in a safety backup`, async () => {
      makeNotesDatabase(ws.db, notes);
      const saved = liveNotes(ws.db);
      const key = await cheapKey();
      const file = await backUp(key);
      addNotes(ws.db, 5, 7);
      const replaced = liveNotes(ws.db);
      const events: string[] = [];
      const result = await restoreBackup(restoreRequest(file), {
        releaseLiveDatabase: () => Promise.resolve(void events.push('released')),
        onProgress: (p) => events.at(-1) !== p.phase && events.push(p.phase),
      });

      expect(liveNotes(ws.db)).toEqual(saved);
      expect(result).toMatchObject({ restoredNotes: notes, metadata: { noteCount: notes } });
      expect(events).toEqual([
        'deriving-key',
        'checking-space',
        'decrypting',
        'validating',
        // The safety backup's own key, derived before the lock: ...
        'deriving-key',
        'released',
        'safety-backup',
        'replacing',
        'finishing',
      ]);
      // The safety backup holds exactly what was replaced, under the same passkey with its own salt.
      expect(result.safetyBackup).toMatch(/NoteVault-.*-before-restore\.nvbak$/);
      const safety = result.safetyBackup ?? '';
      const safetyKdf = kdfOf(await inspectAnyHeader(safety));
      expect(safetyKdf.salt).not.toEqual(key.kdf.salt);
      const inside = new Database(
        Buffer.from(await decryptToBytes(safety, await fileKeyOf(safety, { passkey: PASSKEY }))),
      );
      expect(notesDigest(inside)).toEqual(replaced);
      inside.close();
      // A folder the restore creates is private (issue #13), whatever the umask.
      if (notes > 0 && process.platform !== 'win32') expect(statSync(ws.safety).mode & 0o777).toBe(0o700);
      const live = new Database(ws.db);
      expect(live.pragma('journal_mode', { simple: true })).toBe('wal');
      live.close();
      expectClean();
    });
  }

  it('restores on a new machine: creates the folder, makes no safety backup', async () => {
    makeNotesDatabase(ws.db, 4);
    const saved = liveNotes(ws.db);
    const file = await backUp(await cheapKey());
    rmSync(ws.dbDir, { recursive: true });
    const fresh = join(ws.root, 'new-machine', 'profile', 'notes.db');
    const result = await restoreBackup(restoreRequest(file, { databasePath: fresh }));
    expect(result.safetyBackup).toBeNull();
    expect(existsSync(ws.safety)).toBe(false);
    expect(liveNotes(fresh)).toEqual(saved);
    if (process.platform !== 'win32') {
      expect(statSync(join(ws.root, 'new-machine', 'profile')).mode & 0o777).toBe(0o700);
      expect(statSync(fresh).mode & 0o777).toBe(0o600);
    }
    expect(leftovers(join(ws.root, 'new-machine', 'profile'))).toEqual([]);
    expectClean();
  });

  it('round-trips tens of megabytes through files and through memory', async () => {
    makeNotesDatabase(ws.db, 2000, 10_000);
    const saved = liveNotes(ws.db);
    const key = await cheapKey();
    const viaFile = await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: key,
      kind: 'manual',
      appVersion: '0.1.0',
      tempParent: ws.temp,
      inMemoryLimit: 0,
    });
    expect(viaFile.metadata.plaintextSize).toBeGreaterThan(20 * 1024 * 1024);
    // Tens of MiB is above IN_MEMORY_LIMIT: the in-memory route has to be asked for.
    const viaMemory = await backUp(key, Number.POSITIVE_INFINITY);

    addNotes(ws.db, 3, 9);
    const decryptedViaFile = await restoreBackup(
      restoreRequest(viaMemory, { keySource: key, inMemoryLimit: 0 }),
    );
    expect(decryptedViaFile.restoredNotes).toBe(2000);
    expect(liveNotes(ws.db)).toEqual(saved);
    addNotes(ws.db, 3, 10);
    await restoreBackup(
      restoreRequest(viaFile.file, { keySource: key, inMemoryLimit: Number.POSITIVE_INFINITY }),
    );
    expect(liveNotes(ws.db)).toEqual(saved);
    expect(readdirSync(ws.safety)).toHaveLength(2);
    expectClean();
  });

  it('works end to end with the default (MODERATE) Argon2id settings and a passkey', async () => {
    makeNotesDatabase(ws.db, 2);
    const saved = liveNotes(ws.db);
    const file = await backUp({ passkey: 'a real passkey, with the real cost' });
    expect(kdfOf(await inspectAnyHeader(file))).toMatchObject({
      opslimit: DEFAULT_OPSLIMIT,
      memlimit: DEFAULT_MEMLIMIT,
    });
    addNotes(ws.db, 1, 3);
    const phases: BackupPhase[] = [];
    await restoreBackup(
      restoreRequest(file, { keySource: { passkey: 'a real passkey, with the real cost' } }),
      {
        onProgress: (p) => phases.push(p.phase),
      },
    );
    expect(liveNotes(ws.db)).toEqual(saved);
    // Two Argon2id runs: the restored file's key, then the safety backup's own.
    expect(phases.filter((p) => p === 'deriving-key')).toHaveLength(4);
    expectClean();
  });

  it('upgrades a backup of an older schema as it opens it', async () => {
    const old = new Database(ws.db);
    applyMigrations(old, 1);
    old.pragma('journal_mode = WAL');
    old
      .prepare(
        "INSERT INTO notes (id, title, body, created_at, updated_at) VALUES ('a', 'Old', 'text', 1, 1)",
      )
      .run();
    old.close();
    const file = await backUp(await cheapKey());
    removeDatabase(ws.db);
    makeNotesDatabase(ws.db, 3);
    const result = await restoreBackup(restoreRequest(file));
    expect(result).toMatchObject({ restoredNotes: 1, metadata: { schemaVersion: 1 } });
    const live = new Database(ws.db, { readonly: true });
    expect(live.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(live.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'text'").pluck().get()).toBe(1);
    live.close();
  });

  it('restores a backup whose page size differs from the live WAL database, which keeps its own', async () => {
    const big = new Database(ws.db);
    big.pragma('page_size = 8192');
    // Writing the header is what creates the file with that page size.
    big.pragma('application_id = 0x4e564c54');
    big.close();
    makeNotesDatabase(ws.db, 6);
    const saved = liveNotes(ws.db);
    const file = await backUp(await cheapKey());
    removeDatabase(ws.db);
    makeNotesDatabase(ws.db, 2);
    await restoreBackup(restoreRequest(file));
    expect(liveNotes(ws.db)).toEqual(saved);
    const live = new Database(ws.db, { readonly: true });
    expect([
      live.pragma('page_size', { simple: true }),
      live.pragma('journal_mode', { simple: true }),
    ]).toEqual([4096, 'wal']);
    live.close();
  });

  it('keeps in a safety backup the notes another program saved while the backup was decrypted', async () => {
    makeNotesDatabase(ws.db, 4);
    const key = await cheapKey();
    const file = await backUp(key);
    removeDatabase(ws.db);
    // A new machine as far as the space check can tell; then something creates notes there.
    const result = await restoreBackup(restoreRequest(file, { keySource: key, safetyKeySource: key }), {
      releaseLiveDatabase: () => {
        makeNotesDatabase(ws.db, 5, 200, 9);
        return Promise.resolve();
      },
    });
    expect(result.restoredNotes).toBe(4);
    if (result.safetyBackup === null) throw new Error('the 5 notes were replaced without a safety backup');
    const safety = new Database(
      Buffer.from(await decryptToBytes(result.safetyBackup, await fileKeyOf(result.safetyBackup, key))).fill(
        1,
        18,
        20,
      ),
    );
    expect(safety.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(5);
    safety.close();
  });

  it('says how much of the log it could not empty while another program reads, and loses nothing', async () => {
    makeNotesDatabase(ws.db, 30, 2000);
    const saved = liveNotes(ws.db);
    const file = await backUp(await cheapKey());
    addNotes(ws.db, 3, 5);
    let reader: Database.Database | undefined;
    const result = await restoreBackup(restoreRequest(file), {
      onProgress: ({ phase, bytesDone }) => {
        // Committed, and the log not yet emptied: a reader arrives and keeps reading.
        if (phase === 'finishing' && bytesDone === 0) {
          reader = new Database(ws.db, { readonly: true });
          reader.exec('BEGIN');
          reader.prepare('SELECT count(*) FROM notes').get();
        }
      },
    });
    reader?.exec('COMMIT');
    reader?.close();
    expect(result.logLeftBytes).toBeGreaterThan(0);
    expect(liveNotes(ws.db)).toEqual(saved);
  });

  it("never puts the current notes under a cheap restored file's key: fresh salt, default costs, own passkey", async () => {
    makeNotesDatabase(ws.db, 3);
    // Someone else's file, shared with its passkey, made with the least Argon2id work there is.
    const shared = await cheapKey('the passkey someone shared');
    const file = await backUp(shared);
    expect(kdfOf(await inspectAnyHeader(file))).toMatchObject({ opslimit: 1, memlimit: 8 * 1024 });
    addNotes(ws.db, 2, 4);
    const current = liveNotes(ws.db);
    const result = await restoreBackup(
      restoreRequest(file, {
        keySource: { passkey: 'the passkey someone shared' },
        safetyKeySource: { passkey: PASSKEY },
        safetyBackupCosts: undefined,
      }),
    );
    const safety = result.safetyBackup ?? '';
    const safetyKdf = kdfOf(await inspectAnyHeader(safety));
    expect(safetyKdf).toMatchObject({ opslimit: DEFAULT_OPSLIMIT, memlimit: DEFAULT_MEMLIMIT });
    expect(safetyKdf.salt).not.toEqual(shared.kdf.salt);
    // The shared passkey cannot open the copy of the user's notes; the user's own passkey can.
    await expect(fileKeyOf(safety, { passkey: 'the passkey someone shared' })).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
    });
    const inside = new Database(
      Buffer.from(await decryptToBytes(safety, await fileKeyOf(safety, { passkey: PASSKEY }))),
    );
    expect(notesDigest(inside)).toEqual(current);
    inside.close();
  });

  it('refuses, changing nothing, to replace notes when no key for their safety backup was given', async () => {
    makeNotesDatabase(ws.db, 3);
    const file = await backUp(await cheapKey());
    addNotes(ws.db, 2, 4);
    const before = fileState(ws.db);
    const refused = restoreBackup(restoreRequest(file, { safetyKeySource: null }));
    await expect(refused).rejects.toThrow(/needs your passkey to protect a copy of your current notes/);
    await expect(refused).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(fileState(ws.db)).toEqual(before);
    expect(existsSync(ws.safety)).toBe(false);
    expectClean();
  });

  it('needs no key for a safety backup when there are no notes to protect', async () => {
    makeNotesDatabase(ws.db, 2);
    const saved = liveNotes(ws.db);
    const file = await backUp(await cheapKey());
    removeDatabase(ws.db);
    makeNotesDatabase(ws.db, 0);
    const result = await restoreBackup(restoreRequest(file, { safetyKeySource: null }));
    expect(result.safetyBackup).toBeNull();
    expect(liveNotes(ws.db)).toEqual(saved);
  });

  it('refuses, changing nothing, to make a safety backup under a derived key cheaper than the default', async () => {
    makeNotesDatabase(ws.db, 3);
    const key = await cheapKey();
    const file = await backUp(key);
    addNotes(ws.db, 2, 4);
    const before = fileState(ws.db);
    const refused = restoreBackup(
      restoreRequest(file, { keySource: key, safetyKeySource: key, safetyBackupCosts: undefined }),
    );
    await expect(refused).rejects.toThrow(/needs your passkey/);
    await expect(refused).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(fileState(ws.db)).toEqual(before);
    expect(existsSync(ws.safety)).toBe(false);
  });
});

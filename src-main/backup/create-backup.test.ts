import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../db/schema-constants';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileSystem } from '../fsx/fs-seam';
import { ownedPartialPath, readOwnedPartialName } from '../fsx/partial-names';
import { currentOwner } from '../fsx/private-temp-owner';
import { childProcesses } from '../../test/main/fsx/sweep-test-support';
import { fakeClock, scripted } from '../../test/main/fsx/test-faults';
import {
  canFillUp,
  cheapKey,
  diskFullFor,
  failingOpens,
  fileKeyOf,
  fileState,
  filesIn,
  leftovers,
  liveNotes,
  makeForeignDatabase,
  makeNotesDatabase,
  sha256File,
  tempFoldersOnFullDrive,
  useWorkspace,
  volumeWithFree,
} from '../../test/main/backup/backup-test-support';
import { isBackupFileName, parseBackupFileName } from './backup-names';
import { createBackup } from './create-backup';
import type { CreateBackupRequest } from './create-backup';
import { decryptToBytes, expectFailure } from '../../test/main/backup/format/test-support';
import { manifestOf } from './manifest/backup-manifest';
import { notesDigest } from './notes-database-checks';
import { startupSweep } from './startup-sweep';
import type { BackupPhase } from './progress';
import type { KeySource } from './passkey-or-key';
import type { PasskeyForWriting } from './write-keys';

const ws = useWorkspace();
const children = childProcesses();
afterEach(() => children.stopAll());
const NOW = new Date('2026-03-04T05:06:07.890Z');

async function request(overrides: Partial<CreateBackupRequest> = {}): Promise<CreateBackupRequest> {
  return {
    databasePath: ws.db,
    destination: ws.backups,
    keySource: await cheapKey(),
    kind: 'manual',
    appVersion: '0.1.0',
    tempParent: ws.temp,
    now: () => NOW,
    ...overrides,
  };
}

/** Decrypts a backup with the way in it was made for and opens the database inside, in memory. */
async function openBackup(file: string, source: PasskeyForWriting): Promise<Database.Database> {
  const key = await fileKeyOf(file, source as KeySource);
  return new Database(Buffer.from(await decryptToBytes(file, key)));
}

function noLeftovers(): void {
  expect(leftovers(ws.temp, ws.dbDir, ws.backups)).toEqual([]);
}

describe('createBackup', () => {
  for (const [path, inMemoryLimit] of [
    ['in memory', undefined],
    ['through a private temp file', 0],
  ] as const) {
    it(`backs up a database (${path}) into a checked file with a time-sorted name`, async () => {
      makeNotesDatabase(ws.db, 3);
      const before = liveNotes(ws.db);
      const req = await request({ inMemoryLimit });
      const phases: BackupPhase[] = [];
      const result = await createBackup(req, { onProgress: (p) => phases.push(p.phase) });

      expect(basename(result.file)).toBe('NoteVault-2026-03-04T05-06-07Z.nvbak');
      expect(filesIn(ws.backups)).toEqual([basename(result.file)]);
      expect(result.size).toBe(statSync(result.file).size);
      expect(result.metadata).toMatchObject({
        noteCount: 3,
        schemaVersion: LATEST_SCHEMA_VERSION,
        kind: 'manual',
        appVersion: '0.1.0',
        createdAt: NOW.toISOString(),
      });
      const inside = await openBackup(result.file, req.keySource);
      expect(notesDigest(inside)).toEqual(before);
      expect(inside.pragma('journal_mode', { simple: true })).toBe('memory');
      // The manifest describes exactly what was encrypted, and the hash the whole file as written.
      expect(result.metadata.manifest).toEqual(manifestOf(inside));
      expect(result.metadata.manifest).toMatchObject({ notes: 3, attachments: 0 });
      expect(result.fileSha256).toBe(sha256File(result.file));
      inside.close();
      expect([...new Set(phases)]).toEqual([
        'checking-space',
        'snapshot',
        'encrypting',
        'verifying',
        'finishing',
      ]);
      noLeftovers();
      expect(filesIn(ws.temp)).toEqual([]);
    });
  }

  it('backs up an empty notes database', async () => {
    makeNotesDatabase(ws.db, 0);
    const req = await request();
    const result = await createBackup(req);
    expect(result.metadata.noteCount).toBe(0);
    noLeftovers();
  });

  it('gives backups made in the same second distinct names, and tells kinds apart', async () => {
    makeNotesDatabase(ws.db, 1);
    const names = [];
    for (const kind of ['manual', 'manual', 'scheduled'] as const) {
      names.push(basename((await createBackup(await request({ kind }))).file));
    }
    expect(names).toEqual([
      'NoteVault-2026-03-04T05-06-07Z.nvbak',
      'NoteVault-2026-03-04T05-06-07Z-2.nvbak',
      'NoteVault-2026-03-04T05-06-07Z-scheduled.nvbak',
    ]);
  });

  it('writes to a full path it is given, but never over an existing file', async () => {
    makeNotesDatabase(ws.db, 1);
    const target = join(ws.backups, 'before-upgrade.nvbak');
    expect((await createBackup(await request({ destination: target }))).file).toBe(target);
    const first = statSync(target).mtimeMs;
    await expectFailure(createBackup(await request({ destination: target })), 'IO', /already exists/);
    expect(statSync(target).mtimeMs).toBe(first);
    noLeftovers();
  });

  it('refuses a missing database, a missing destination and a foreign database', async () => {
    await expectFailure(createBackup(await request()), 'IO', /no notes database/);
    makeNotesDatabase(ws.db, 1);
    await expectFailure(
      createBackup(await request({ destination: join(ws.root, 'gone') })),
      'IO',
      /does not exist/,
    );
    const foreign = join(ws.dbDir, 'other.db');
    makeForeignDatabase(foreign);
    const state = fileState(foreign);
    await expectFailure(
      createBackup(await request({ databasePath: foreign })),
      'DB_FOREIGN',
      /another program/,
    );
    expect(fileState(foreign)).toEqual(state);
    noLeftovers();
  });

  it('checks the destination before deriving the key from a passkey', async () => {
    makeNotesDatabase(ws.db, 1);
    const existing = join(ws.backups, 'taken.nvbak');
    writeFileSync(existing, 'not ours');
    const gone = join(ws.root, 'gone');
    for (const [destination, message] of [
      [gone, /does not exist/],
      [existing, /already exists/],
    ] as const) {
      const phases: BackupPhase[] = [];
      const error = await expectFailure(
        createBackup(await request({ destination, keySource: { passkey: 'a passkey' } }), {
          onProgress: (p) => phases.push(p.phase),
        }),
        'IO',
        message,
      );
      expect(error.message).toContain(destination);
      // A passkey reports 'deriving-key' before Argon2id starts (create-backup-cancel.test.ts
      // relies on that), so its absence means no derivation ran.
      expect(phases).toContain('checking-space');
      expect(phases).not.toContain('deriving-key');
    }
    expect(readdirSync(ws.backups)).toEqual(['taken.nvbak']);
    noLeftovers();
  });

  it('refuses up front, with the figures, when the destination volume is too small', async () => {
    makeNotesDatabase(ws.db, 50, 2000);
    const state = fileState(ws.db);
    const error = await expectFailure(
      createBackup(await request({ inMemoryLimit: 0 }), { fileLayer: { fs: volumeWithFree(4096) } }),
      'DISK_FULL',
      /needs \d+\.\d MB, but only 4\.0 KB is available/,
    );
    expect(error.message).toContain('the temporary copy of your notes and the encrypted backup');
    expect(fileState(ws.db)).toEqual(state);
    expect(readdirSync(ws.backups)).toEqual([]);
    noLeftovers();
  });

  it('reports DISK_FULL when the disk fills while writing, and leaves nothing behind', async () => {
    makeNotesDatabase(ws.db, 20);
    const state = fileState(ws.db);
    await expectFailure(
      createBackup(await request(), { fileLayer: { fs: diskFullFor(/\.partial$/) } }),
      'DISK_FULL',
      /drive is full/,
    );
    expect(fileState(ws.db)).toEqual(state);
    expect(readdirSync(ws.backups)).toEqual([]);
    noLeftovers();
  });

  it.runIf(canFillUp)(
    'with the temp folder full, says so: it names the temporary copy, not the live database',
    async () => {
      makeNotesDatabase(ws.db, 20);
      const state = fileState(ws.db);
      const error = await expectFailure(
        createBackup(await request({ inMemoryLimit: 0 }), {
          fileLayer: { fs: tempFoldersOnFullDrive('snapshot.db') },
        }),
        'DISK_FULL',
        /^Could not write the temporary copy of your notes ".*snapshot\.db": the drive is full \(SQLITE_FULL\)/,
      );
      expect(error.message).toContain(`the drive that holds "${ws.temp}"`);
      expect(error.message).toMatch(/it needed about \d+\.\d MB/);
      expect(error.message).not.toContain(ws.db);
      expect(fileState(ws.db)).toEqual(state);
      expect(readdirSync(ws.backups)).toEqual([]);
      noLeftovers();
    },
  );

  it('rides out a few Windows lock errors on its files', async () => {
    makeNotesDatabase(ws.db, 5);
    const clock = fakeClock();
    const fs = failingOpens(/notevault|\.partial$|snapshot\.db$/, ['EBUSY', 'EPERM', 'EBUSY']);
    const result = await createBackup(await request({ inMemoryLimit: 0 }), {
      fileLayer: { fs, retry: { sleep: clock.sleep, now: clock.now } },
    });
    expect(result.metadata.noteCount).toBe(5);
    expect(clock.sleeps).toHaveLength(3);
    noLeftovers();
  });

  it('gives up with FILE_LOCKED when a file stays locked, leaving the database and no plaintext', async () => {
    makeNotesDatabase(ws.db, 5);
    const state = fileState(ws.db);
    const clock = fakeClock();
    await expectFailure(
      createBackup(await request({ inMemoryLimit: 0 }), {
        fileLayer: {
          fs: failingOpens(/\.partial$/, ['EBUSY', '*']),
          retry: { sleep: clock.sleep, now: clock.now },
        },
      }),
      'FILE_LOCKED',
      /another program is using the file/,
    );
    expect(clock.totalSlept()).toBeGreaterThanOrEqual(3000);
    expect(fileState(ws.db)).toEqual(state);
    expect(readdirSync(ws.backups)).toEqual([]);
    noLeftovers();
    expect(filesIn(ws.temp)).toEqual([]);
  });

  it('keeps a checked backup when wiping the snapshot stays locked, and says the clean-up failed', async () => {
    // An antivirus holding the snapshot without delete sharing: the wipe overwrites it, then can
    // neither rename nor delete it.
    makeNotesDatabase(ws.db, 4);
    const clock = fakeClock();
    const held = (path: string): boolean => path.endsWith('snapshot.db');
    const lockedRename = scripted(nodeFileSystem.rename, ['EBUSY', '*'], 'rename');
    const lockedUnlink = scripted(nodeFileSystem.unlink, ['EBUSY', '*'], 'unlink');
    const fs: FileSystem = {
      ...nodeFileSystem,
      platform: 'win32',
      rename: (from, to) => (held(from) ? lockedRename(from, to) : nodeFileSystem.rename(from, to)),
      unlink: (path) => (held(path) ? lockedUnlink(path) : nodeFileSystem.unlink(path)),
    };
    const req = await request({ inMemoryLimit: 0 });
    await expectFailure(
      createBackup(req, { fileLayer: { fs, retry: { sleep: clock.sleep, now: clock.now } } }),
      'FILE_LOCKED',
      /^The backup .*NoteVault-2026-03-04T05-06-07Z\.nvbak was saved and checked, but cleaning up afterwards failed/,
    );
    // The backup itself is complete and readable.
    const [file] = readdirSync(ws.backups);
    const backup = await openBackup(join(ws.backups, file ?? ''), req.keySource);
    expect(notesDigest(backup).noteCount).toBe(4);
    backup.close();
    // What stayed behind was overwritten before the rename failed, and the sweep takes it later.
    const [dir] = leftovers(ws.temp);
    const remains = readFileSync(join(dir ?? '', 'snapshot.db'));
    expect(remains.includes(Buffer.from('SQLite format 3'))).toBe(false);
    // As the next start runs it (a new process: atProcessStart), once the lock is gone.
    await startupSweep({
      databaseFolder: ws.dbDir,
      backupFolders: [ws.backups],
      tempParent: ws.temp,
      atProcessStart: true,
    });
    noLeftovers();
  });

  it('writes into a partial that names this process, which no backups list counts', async () => {
    makeNotesDatabase(ws.db, 1);
    const created: string[] = [];
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: (path, flags, mode) => {
        if (flags === 'wx') created.push(path);
        return nodeFileSystem.open(path, flags, mode);
      },
    };
    const result = await createBackup(await request(), { fileLayer: { fs } });
    expect(created).toEqual([ownedPartialPath(result.file)]);
    expect(readOwnedPartialName(basename(created[0] ?? ''))?.owner).toEqual(currentOwner());
    expect(isBackupFileName(basename(created[0] ?? ''))).toBe(false);
    expect(parseBackupFileName(basename(created[0] ?? ''))).toBeNull();
  });

  it("removes a dead run's partials at its own start, and leaves a running one's and fresh ownerless ones", async () => {
    makeNotesDatabase(ws.db, 2);
    const { child: crashed, pid: deadPid } = await children.start();
    await children.stop(crashed);
    const { pid: livePid } = await children.start();
    const partial = (at: string, owner?: { pid: number; threadId: number }) => {
      const final = join(ws.backups, `NoteVault-2026-03-01T00-00-${at}Z.nvbak`);
      const path = owner === undefined ? `${final}.partial` : ownedPartialPath(final, owner);
      writeFileSync(path, 'ciphertext of an interrupted backup');
      return path;
    };
    const dead = [partial('01', { pid: deadPid, threadId: 1 }), partial('02', { pid: deadPid, threadId: 1 })];
    const live = partial('03', { pid: livePid, threadId: 1 });
    const ownerless = partial('04');

    const result = await createBackup(await request());

    for (const path of dead) expect(existsSync(path), path).toBe(false);
    expect(filesIn(ws.backups)).toEqual([basename(live), basename(ownerless), basename(result.file)].sort());
  });

  it("moves on to the next name while another process's partial claims it, or refuses a full path it claims", async () => {
    makeNotesDatabase(ws.db, 1);
    const { pid } = await children.start();
    const first = join(ws.backups, 'NoteVault-2026-03-04T05-06-07Z.nvbak');
    const claimed = ownedPartialPath(first, { pid, threadId: 1 });
    writeFileSync(claimed, 'the app is writing this backup');
    const result = await createBackup(await request());
    expect(basename(result.file)).toBe('NoteVault-2026-03-04T05-06-07Z-2.nvbak');

    const target = join(ws.backups, 'before-upgrade.nvbak');
    const held = ownedPartialPath(target, { pid, threadId: 1 });
    writeFileSync(held, 'the CLI is writing this backup');
    await expectFailure(
      createBackup(await request({ destination: target })),
      'IO',
      /another backup to that name is being written/,
    );
    expect(filesIn(ws.backups)).toEqual([basename(result.file), basename(held), basename(claimed)].sort());
  });

  it('leaves other files in the destination alone', async () => {
    makeNotesDatabase(ws.db, 1);
    writeFileSync(join(ws.backups, 'unrelated.txt'), 'keep me');
    await createBackup(await request());
    expect(filesIn(ws.backups)).toEqual(['NoteVault-2026-03-04T05-06-07Z.nvbak', 'unrelated.txt']);
  });
});

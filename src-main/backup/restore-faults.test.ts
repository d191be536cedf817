import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/main/fsx/test-faults';
import {
  addNotes,
  cheapKey,
  diskFullFor,
  failingOpens,
  fileState,
  filesIn,
  leftovers,
  liveNotes,
  makeForeignDatabase,
  makeNotesDatabase,
  useWorkspace,
  workspaceRestoreRequest,
  volumeWithFree,
} from '../../test/main/backup/backup-test-support';
import { createBackup } from './create-backup';
import { expectFailure } from '../../test/main/backup/format/test-support';
import type { BackupPhase } from './progress';
import { restoreBackup } from './restore-backup';
import type { RestoreBackupRequest, RestoreControls } from './restore-backup';

const ws = useWorkspace();
let file = '';
let saved: ReturnType<typeof liveNotes>;
let current: ReturnType<typeof liveNotes>;

beforeEach(async () => {
  // Large enough (a few MiB) for the page copy to take several steps.
  makeNotesDatabase(ws.db, 700, 4000);
  saved = liveNotes(ws.db);
  file = (
    await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: await cheapKey(),
      kind: 'manual',
      appVersion: '0.1.0',
      tempParent: ws.temp,
    })
  ).file;
  addNotes(ws.db, 10, 42);
  current = liveNotes(ws.db);
});

const request = (overrides: Partial<RestoreBackupRequest> = {}): RestoreBackupRequest =>
  workspaceRestoreRequest(ws, file, overrides);

function expectNoPlaintext(): void {
  expect(leftovers(ws.temp, ws.dbDir, ws.backups, ws.safety)).toEqual([]);
  expect(filesIn(ws.temp)).toEqual([]);
}

describe('a restore that is cancelled', () => {
  const cases: [BackupPhase, boolean][] = [
    ['deriving-key', false],
    ['checking-space', false],
    ['decrypting', false],
    ['validating', false],
    ['safety-backup', false],
    ['replacing', false],
    ['replacing', true],
  ];
  for (const [phase, midway] of cases) {
    for (const inMemoryLimit of [undefined, 0]) {
      const where = `${midway ? 'midway through' : 'at the start of'} ${phase} (${inMemoryLimit === 0 ? 'file' : 'memory'})`;
      it(`${where} keeps the current notes and leaves no plaintext`, async () => {
        const before = fileState(ws.db);
        const abort = new AbortController();
        const seen: string[] = [];
        await expectFailure(
          restoreBackup(request({ inMemoryLimit }), {
            signal: abort.signal,
            onProgress: (p) => {
              seen.push(p.phase);
              if (p.phase === phase && (!midway || p.bytesDone > 0)) abort.abort();
            },
          }),
          'CANCELLED',
        );
        expect(seen).toContain(phase);
        expect(liveNotes(ws.db)).toEqual(current);
        if (!seen.includes('safety-backup')) expect(fileState(ws.db)).toEqual(before);
        expectNoPlaintext();
      });
    }
  }

  it('once the new notes are committed, completes instead', async () => {
    const abort = new AbortController();
    const result = await restoreBackup(request(), {
      signal: abort.signal,
      onProgress: (p) => p.phase === 'finishing' && abort.abort(),
    });
    expect(result.restoredNotes).toBe(700);
    expect(liveNotes(ws.db)).toEqual(saved);
  });
});

describe('a restore meeting locks and full disks', () => {
  it('rides out a few Windows lock errors on its files', async () => {
    const clock = fakeClock();
    const fs = failingOpens(/decrypted\.db$|\.partial$/, ['EBUSY', 'EPERM', 'EACCES']);
    const retry = { sleep: clock.sleep, now: clock.now };
    await restoreBackup(request({ inMemoryLimit: 0 }), { fileLayer: { fs, retry } });
    expect(liveNotes(ws.db)).toEqual(saved);
    expect(clock.sleeps).toHaveLength(3);
    expectNoPlaintext();
  });

  for (const [target, inMemoryLimit] of [
    [/decrypted\.db$/, 0],
    [/\.partial$/, undefined],
  ] as const) {
    it(`stops with FILE_LOCKED when ${String(target)} stays locked, changing nothing`, async () => {
      const before = liveNotes(ws.db);
      const clock = fakeClock();
      const fs = failingOpens(target, ['EBUSY', '*']);
      await expectFailure(
        restoreBackup(request({ inMemoryLimit }), {
          fileLayer: { fs, retry: { sleep: clock.sleep, now: clock.now } },
        }),
        'FILE_LOCKED',
        /another program is using the file/,
      );
      expect(liveNotes(ws.db)).toEqual(before);
      expectNoPlaintext();
    });
  }

  it('stops with FILE_LOCKED when another connection keeps the database locked', async () => {
    const holder = new Database(ws.db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      await expectFailure(restoreBackup(request()), 'FILE_LOCKED', /kept writing to your notes database/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(liveNotes(ws.db)).toEqual(current);
    expectNoPlaintext();
  });

  it('refuses up front when the database folder cannot hold the restore', async () => {
    const before = fileState(ws.db);
    await expectFailure(
      restoreBackup(request(), { fileLayer: { fs: volumeWithFree(1024 * 1024) } }),
      'DISK_FULL',
      /needs \d+\.\d MB, but only 1\.0 MB is available/,
    );
    expect(fileState(ws.db)).toEqual(before);
    expect(existsSync(ws.safety)).toBe(false);
  });

  it('reports DISK_FULL when the disk fills while decrypting, with nothing left behind', async () => {
    const before = fileState(ws.db);
    const controls: RestoreControls = { fileLayer: { fs: diskFullFor(/decrypted\.db$/) } };
    await expectFailure(restoreBackup(request({ inMemoryLimit: 0 }), controls), 'DISK_FULL', /drive is full/);
    expect(fileState(ws.db)).toEqual(before);
    expectNoPlaintext();
  });

  it('refuses to restore over a file that is not a NoteVault database', async () => {
    const foreign = `${ws.dbDir}/other.db`;
    makeForeignDatabase(foreign);
    const before = fileState(foreign);
    await expectFailure(restoreBackup(request({ databasePath: foreign })), 'DB_FOREIGN', /another program/);
    expect(fileState(foreign)).toEqual(before);
    writeFileSync(`${ws.dbDir}/plain.db`, 'not sqlite at all');
    await expectFailure(restoreBackup(request({ databasePath: `${ws.dbDir}/plain.db` })), 'DB_NOT_SQLITE');
    expect(readdirSync(ws.dbDir).filter((n) => n.startsWith('plain'))).toEqual(['plain.db']);
    expectNoPlaintext();
  });
});

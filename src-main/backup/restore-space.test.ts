/**
 * A restore onto a volume that is really (not just reportedly) nearly full. A small tmpfs is
 * mounted for the live database, so SQLite meets a real ENOSPC: the space check must cover
 * the real peak (the new notes in the -wal, then the main file's growth at the checkpoint), and
 * a failure after the commit must say that the notes were already replaced.
 *
 * Mounting needs root on Linux, as CI runs; elsewhere these tests report themselves skipped.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import {
  CHEAP_COSTS,
  backUpWorkspace,
  fileKeyOf,
  cheapKey,
  liveNotes,
  makeNotesDatabase,
  useWorkspace,
  volumeWithFree,
} from '../../test/main/backup/backup-test-support';
import type { CheapKey } from '../../test/main/backup/backup-test-support';
import { readMetadata } from './format/decrypt-stream';
import { findLiveDatabase } from './live-database';
import { replacedNotesText, restoreBackup, restoreSpaceNeeds } from './restore-backup';
import type { RestoreBackupRequest } from './restore-backup';

const ws = useWorkspace();

function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PAGE = 4096;
let volume = '';
let key: CheapKey;
let backupFile = '';
let backupNotes: ReturnType<typeof liveNotes>;

/** Resizes the volume so exactly `bytes` (rounded up to a page) are free for new files. */
function leaveFree(bytes: number): void {
  const stats = statfsSync(volume);
  const used = (stats.blocks - stats.bfree) * stats.bsize;
  const size = Math.ceil((used + bytes) / PAGE) * PAGE;
  execFileSync('mount', ['-o', `remount,size=${size}`, volume]);
}

function request(): RestoreBackupRequest {
  return {
    file: backupFile,
    databasePath: join(volume, 'notes.db'),
    keySource: key,
    safetyKeySource: key,
    safetyBackupFolder: ws.safety,
    safetyBackupCosts: CHEAP_COSTS,
    appVersion: '0.1.0',
    tempParent: ws.temp,
  };
}

/** What the restore's own check asks of the live database's volume. */
async function needOnVolume(): Promise<number> {
  const { metadata } = await readMetadata(backupFile, await fileKeyOf(backupFile, key));
  const live = await findLiveDatabase(join(volume, 'notes.db'), {});
  const replaced = live === null ? null : replacedNotesText(live.path);
  return restoreSpaceNeeds(request(), metadata.plaintextSize, live, replaced)
    .filter((need) => need.folder === volume)
    .reduce((sum, need) => sum + need.bytes, 0);
}

describe.skipIf(!canMountTmpfs())(
  'a restore onto a nearly full volume (mounts a tmpfs: needs root on Linux)',
  () => {
    beforeEach(async () => {
      key = await cheapKey();
      // The backup: about 8 MB of notes, far more than the live database it replaces.
      makeNotesDatabase(ws.db, 400, 20_000, 3);
      backupNotes = liveNotes(ws.db);
      backupFile = await backUpWorkspace(ws, key);
      volume = join(ws.root, 'volume');
      mkdirSync(volume);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', volume]);
      makeNotesDatabase(join(volume, 'notes.db'), 5, 200, 4);
    });

    afterEach(() => {
      if (volume !== '') execFileSync('umount', [volume]);
      volume = '';
    });

    it('refuses before changing anything with a page less than its check asks for', async () => {
      leaveFree((await needOnVolume()) - PAGE);
      const before = readFileSync(join(volume, 'notes.db'));
      await expect(restoreBackup(request())).rejects.toMatchObject({
        code: 'DISK_FULL',
        message: expect.stringMatching(
          /^Not enough free space for the restored notes in ".*volume"/,
        ) as unknown,
      });
      expect(readFileSync(join(volume, 'notes.db'))).toEqual(before);
    });

    it('succeeds with exactly what its check asks for, leaving an empty -wal', async () => {
      leaveFree(await needOnVolume());
      const result = await restoreBackup(request());
      expect(result.restoredNotes).toBe(400);
      const wal = join(volume, 'notes.db-wal');
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
      expect(liveNotes(join(volume, 'notes.db'))).toEqual(backupNotes);
    });

    it('succeeds with exactly what its check asks for over the same notes all changed, keeping each text replaced', async () => {
      // The live database: the backup's 400 notes, every body changed since (about 8 MB of text
      // that the restore sets aside and keeps as before-restore versions in the same transaction).
      const live = join(volume, 'notes.db');
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${live}${suffix}`, { force: true });
      copyFileSync(ws.db, live);
      const db = openNotesDatabase(live);
      db.prepare("UPDATE notes SET body = body || ' (changed)'").run();
      closeNotesDatabase(db);
      leaveFree(await needOnVolume());
      const result = await restoreBackup(request());
      expect(result.keptInHistory).toBe(400);
      expect(liveNotes(live)).toEqual(backupNotes);
    });

    it('says the notes were replaced when the checkpoint after the commit runs out of room', async () => {
      const { metadata } = await readMetadata(backupFile, await fileKeyOf(backupFile, key));
      // Room for the new notes in the -wal, but not for the main file to grow as well. The space
      // check is told there is plenty, so the restore gets that far.
      leaveFree(Math.round(metadata.plaintextSize * 1.5));
      const error: unknown = await restoreBackup(request(), {
        fileLayer: { fs: volumeWithFree(Number.MAX_SAFE_INTEGER) },
      }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: 'DISK_FULL',
        message: expect.stringMatching(
          /^Your notes were replaced by the 400 in the backup \(the notes from before are in .*-before-restore\.nvbak\), but moving them from .*notes\.db-wal into .*notes\.db failed because the drive holding .*volume is full; they are safe, and NoteVault finishes the move the next time it opens the database\.$/,
        ) as unknown,
      });
      // Once there is room, opening the database finishes the move: the backup's notes, all there.
      leaveFree(64 * 1024 * 1024);
      closeNotesDatabase(openNotesDatabase(join(volume, 'notes.db')));
      expect(liveNotes(join(volume, 'notes.db'))).toEqual(backupNotes);
    });
  },
);

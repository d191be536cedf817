/**
 * Hostile backups (test/main/backup/hostile-databases.ts) restored with `notevault restore`
 * through runCli and the real job worker: a refused one leaves the database file
 * byte-identical and no safety backup; a restored one keeps none of the backup's schema.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cheapKey,
  fileState,
  filesIn,
  makeNotesDatabase,
} from '../../../test/main/backup/backup-test-support';
import {
  HOSTILE_CASES,
  USER_DATA_ROWS,
  hostileBackup,
  userDataRows,
} from '../../../test/main/backup/hostile-databases';
import { buildJobWorker } from '../../../test/main/backup/worker/worker-test-support';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import { runBackupCli } from '../../../test/main/cli/commands/backup-test-support';

const PASSKEY = 'fixture passkey';
let worker: BuiltWorker;
let root = '';

beforeAll(async () => {
  worker = await buildJobWorker();
  root = await mkdtemp(join(tmpdir(), 'notevault-cli-hostile-'));
});
afterAll(async () => {
  await worker.remove();
  await rm(root, { recursive: true, force: true });
});

function schemaOf(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
  } finally {
    db.close();
  }
}

describe('notevault restore of a hostile backup', () => {
  HOSTILE_CASES.forEach((hostile, index) => {
    const outcome = hostile.refused
      ? 'is refused and changes nothing'
      : 'restores only the tables and columns NoteVault knows';
    it(`${hostile.name}: ${outcome}`, async () => {
      const dir = await mkdtemp(join(root, 'case-'));
      const [offered, temp, safety] = [join(dir, 'offered'), join(dir, 'temp'), join(dir, 'safety')];
      for (const folder of [offered, temp]) await mkdir(folder);
      const file = await hostileBackup(offered, hostile, await cheapKey(PASSKEY), index);
      const db = join(dir, 'notes.db');
      makeNotesDatabase(db, 3);
      const schemaBefore = schemaOf(db);
      const before = fileState(db);
      const offeredBefore = filesIn(offered);

      const run = await runBackupCli(
        ['restore', '--db', db, '--from', file, '--safety-dir', safety, '--safety-same-passkey', '--json'],
        worker,
        temp,
        { env: { NOTEVAULT_PASSKEY: PASSKEY } },
      );

      if (hostile.refused) {
        expect(run.exitCode).not.toBe(0);
        const { error } = JSON.parse(run.stdout) as { error: { message: string; details?: string } };
        expect(`${error.message} ${error.details ?? ''}`).toMatch(hostile.refused.message);
        expect(fileState(db)).toEqual(before);
        expect(filesIn(safety)).toEqual([]);
        expect(filesIn(offered)).toEqual(offeredBefore);
        return;
      }
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      // addUserData's rows: attachments of 300, 2048 and 0 bytes.
      expect(JSON.parse(run.stdout)).toMatchObject({
        restoredNotes: 5,
        restoredAlso: { tags: 3, attachments: 3, attachmentBytes: 2348, versions: 3 },
      });
      expect(schemaOf(db)).toEqual(schemaBefore);
      const restored = new Database(db, { readonly: true });
      try {
        expect(userDataRows(restored)).toEqual({ ...USER_DATA_ROWS, contentAddressed: true });
      } finally {
        restored.close();
      }
      expect(filesIn(safety)).toHaveLength(1);
    });
  });
});

describe('notevault restore, in words', () => {
  it('says what came back besides the notes', async () => {
    const dir = await mkdtemp(join(root, 'words-'));
    const [offered, temp, safety] = [join(dir, 'offered'), join(dir, 'temp'), join(dir, 'safety')];
    for (const folder of [offered, temp]) await mkdir(folder);
    const index = HOSTILE_CASES.findIndex((hostile) =>
      /attachments table with an extra column/.test(hostile.name),
    );
    const file = await hostileBackup(offered, HOSTILE_CASES[index]!, await cheapKey(PASSKEY), index);
    const db = join(dir, 'notes.db');
    makeNotesDatabase(db, 1);
    const run = await runBackupCli(
      ['restore', '--db', db, '--from', file, '--safety-dir', safety, '--safety-same-passkey'],
      worker,
      temp,
      { env: { NOTEVAULT_PASSKEY: PASSKEY } },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /Restored 5 notes into .*\. Also restored: 3 tags, 3 attachments \(2\.3 KB\), and 3 kept versions\./,
    );
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CHEAP_COSTS,
  cheapKey,
  fileState,
  filesIn,
  makeNotesDatabase,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import type { CheapKey } from '../../test/main/backup/backup-test-support';
import {
  HOSTILE_CASES,
  USER_DATA_ROWS,
  hostileBackup,
  userDataRows,
} from '../../test/main/backup/hostile-databases';
import { makeBrowseCopy } from './browse-copy';
import { restoreBackup } from './restore-backup';

const ws = useWorkspace();
let key: CheapKey;
let offered: string;

beforeEach(async () => {
  key = await cheapKey();
  offered = join(ws.root, 'offered');
  mkdirSync(offered);
  makeNotesDatabase(ws.db, 3);
});

/** Every table, index, trigger and view, as SQLite stores them. */
function schemaOf(db: Database.Database): unknown[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all();
}

function schemaOfFile(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return schemaOf(db);
  } finally {
    db.close();
  }
}

/** FTS5 compares its index with the notes (rank 1: the content table too), and finds every body. */
function expectSearchAgrees(db: Database.Database): void {
  db.prepare("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)").run();
  for (const { seq, body } of db.prepare('SELECT seq, body FROM notes').all() as {
    seq: number;
    body: string;
  }[]) {
    const word = body.split(' ')[0] ?? '';
    const hits = db.prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?').pluck().all(`"${word}"`);
    expect(hits).toContain(seq);
  }
}

/** What NoteVault's own migrations make. */
function freshSchema(): unknown[] {
  const path = join(ws.root, 'fresh.db');
  makeNotesDatabase(path, 0);
  return schemaOfFile(path);
}

describe.each([
  ['in memory', undefined],
  ['through a temp file', 0],
] as const)('a hostile backup, %s', (_route, inMemoryLimit) => {
  HOSTILE_CASES.forEach((hostile, index) => {
    const outcome = hostile.refused
      ? `refuses it with ${hostile.refused.code}`
      : 'takes only the tables and columns NoteVault knows';
    it(`${hostile.name}: restore ${outcome}`, async () => {
      const file = await hostileBackup(offered, hostile, key, index);
      const before = fileState(ws.db);
      const restoring = restoreBackup({
        file,
        databasePath: ws.db,
        keySource: key,
        safetyKeySource: key,
        safetyBackupFolder: ws.safety,
        safetyBackupCosts: CHEAP_COSTS,
        appVersion: '0.1.0',
        tempParent: ws.temp,
        inMemoryLimit,
      });
      if (hostile.refused) {
        await expect(restoring).rejects.toThrow(hostile.refused.message);
        await expect(restoring).rejects.toMatchObject({ code: hostile.refused.code });
        // Every refusal comes before the safety backup: none is left behind, nothing changed.
        expect(fileState(ws.db)).toEqual(before);
        expect(filesIn(ws.safety)).toEqual([]);
        return;
      }
      expect((await restoring).restoredNotes).toBe(5);
      expect(schemaOfFile(ws.db)).toEqual(freshSchema());
      const live = new Database(ws.db);
      try {
        expectSearchAgrees(live);
        // Tags, links, attachments (each still hashing to its name) and versions came too.
        expect(userDataRows(live)).toEqual({ ...USER_DATA_ROWS, contentAddressed: true });
      } finally {
        live.close();
      }
    });

    it(`${hostile.name}: browsing ${outcome}`, async () => {
      const file = await hostileBackup(offered, hostile, key, index);
      const tempDir = join(ws.temp, 'browse');
      mkdirSync(tempDir);
      const browsing = makeBrowseCopy({ file, keySource: key, tempDir, inMemoryLimit });
      if (hostile.refused) {
        await expect(browsing).rejects.toThrow(hostile.refused.message);
        await expect(browsing).rejects.toMatchObject({ code: hostile.refused.code });
        return;
      }
      const copy = await browsing;
      expect(copy.noteCount).toBe(5);
      const db = copy.image ? new Database(Buffer.from(copy.image)) : new Database(copy.path ?? '');
      try {
        expect(schemaOf(db)).toEqual(freshSchema());
        expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(5);
        expectSearchAgrees(db);
        expect(userDataRows(db)).toEqual({ ...USER_DATA_ROWS, contentAddressed: true });
      } finally {
        db.close();
      }
    });
  });
});

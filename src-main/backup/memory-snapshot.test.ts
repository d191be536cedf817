import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { makeNotesDatabase, useWorkspace } from '../../test/main/backup/backup-test-support';
import { vacuumWithoutJournal } from './memory-snapshot';
import { notesDigest, openPlaintextDatabase } from './notes-database-checks';

const ws = useWorkspace();

describe('vacuumWithoutJournal', () => {
  it('compacts an in-memory copy without a rollback journal and restores defensive mode', () => {
    makeNotesDatabase(ws.db, 300, 2000);
    const live = openNotesDatabase(ws.db);
    live.exec("DELETE FROM notes WHERE title LIKE '%0'");
    const expected = notesDigest(live);
    closeNotesDatabase(live);
    const copy = openPlaintextDatabase(readFileSync(ws.db));
    try {
      expect(copy.pragma('freelist_count', { simple: true })).toBeGreaterThan(0);

      vacuumWithoutJournal(copy);

      // With the default in-memory journal, VACUUM holds a third copy of the database.
      expect(copy.pragma('journal_mode', { simple: true })).toBe('off');
      expect(copy.pragma('freelist_count', { simple: true })).toBe(0);
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(notesDigest(copy)).toEqual(expected);
      // Defensive mode is on again: the schema cannot be written even with writable_schema.
      expect(() =>
        copy.exec('PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = sql WHERE 0'),
      ).toThrow(/may not be modified/);
    } finally {
      copy.close();
    }
  });
});

import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPhaseSeconds, estimatedSeconds } from '../../src-shared/job-progress';
import { createTempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import type { TempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import { NEW_BACKUP_KEY_SECONDS } from '../backup/format/opening-cost';
import { assertSomethingToBackUp, planBackup } from './backup-plan';

// A real notes database (migrations, FTS index, WAL), counted and measured as the app does.
let temp: TempNotesDatabase;
beforeEach(() => {
  temp = createTempNotesDatabase('notevault-plan-');
});
afterEach(() => temp.dispose());

const NOW = Date.parse('2026-12-05T21:30:07.400Z');

describe('planBackup', () => {
  it('says what is included, where it goes, its name and the time it takes', () => {
    temp.notes.create({ title: 'Groceries', body: 'oat milk' });
    temp.notes.create({ title: 'Big', body: 'x'.repeat(400_000) });
    temp.notes.trash(temp.notes.create({ title: 'Old', body: 'gone' }).id);
    const plan = planBackup({ notes: temp.notes, databasePath: temp.file, folder: '/backups', now: NOW });

    expect(plan).toMatchObject({
      noteCount: 3,
      trashedCount: 1,
      folder: '/backups',
      fileName: 'NoteVault-2026-12-05T21-30-07Z.nvbak',
      refusal: null,
    });
    const onDisk = statSync(temp.file).size + statSync(`${temp.file}-wal`).size;
    expect(plan.databaseBytes).toBe(onDisk);
    expect(plan.databaseBytes).toBeGreaterThan(400_000);
    expect(plan.phaseSeconds).toEqual(backupPhaseSeconds(onDisk, NEW_BACKUP_KEY_SECONDS));
    expect(plan.estimatedSeconds).toBe(estimatedSeconds(plan.phaseSeconds));
    // Argon2id's seconds dominate a small backup: the estimate is "a few seconds", not zero.
    expect(plan.estimatedSeconds).toBeGreaterThanOrEqual(2);
  });

  it('refuses a backup of no notes with a sentence, and counts a note in the trash as one', () => {
    const empty = planBackup({ notes: temp.notes, databasePath: temp.file, folder: null, now: NOW });
    expect(empty).toMatchObject({ noteCount: 0, folder: null });
    expect(empty.refusal).toBe('There are no notes to back up yet: write a note first, then back it up.');
    expect(() => assertSomethingToBackUp(temp.notes)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: empty.refusal }),
    );

    temp.notes.trash(temp.notes.create({ title: 'Only in the trash', body: '' }).id);
    expect(
      planBackup({ notes: temp.notes, databasePath: temp.file, folder: null, now: NOW }).refusal,
    ).toBeNull();
    expect(() => assertSomethingToBackUp(temp.notes)).not.toThrow();
  });
});

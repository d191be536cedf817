/**
 * A restore keeps, in each note's history, the text it replaces (replaced-notes.ts): a note the
 * backup changes gets a 'before-restore' version of its text from before; an unchanged note,
 * a note only the backup has and one only the replaced database had get none. A cancel before
 * the commit leaves the old notes and no set-aside table.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { AttachmentsRepository } from '../db/attachments-repository';
import { NotesRepository } from '../db/notes-repository';
import { NoteVersionsRepository } from '../db/note-versions-repository';
import { expectFailure } from '../../test/main/backup/format/test-support';
import {
  backUpWorkspace,
  cheapKey,
  liveNotes,
  useWorkspace,
  workspaceRestoreRequest,
} from '../../test/main/backup/backup-test-support';
import { REPLACED_NOTES_TABLE } from './replaced-notes';
import { restoreBackup } from './restore-backup';

const ws = useWorkspace();
let file = '';
const ids = { changed: '', same: '', onlyInBackup: '', onlyLive: '' };
let textBefore = { title: '', body: '' };
let sharedHash = '';
let replacedOnlyHash = '';

function withDatabase<T>(use: (db: ReturnType<typeof openNotesDatabase>) => T): T {
  const db = openNotesDatabase(ws.db);
  try {
    return use(db);
  } finally {
    closeNotesDatabase(db);
  }
}

beforeEach(async () => {
  withDatabase((db) => {
    const notes = new NotesRepository(db);
    const attachments = new AttachmentsRepository(db);
    sharedHash = attachments.add({
      data: Buffer.from('in both'),
      fileName: 'both.txt',
      mediaType: 'text/plain',
    }).sha256;
    ids.changed = notes.create({ title: 'Trip', body: 'Pack the tent 🏕️' }).id;
    ids.same = notes.create({ title: 'Same', body: 'Never changes' }).id;
    ids.onlyInBackup = notes.create({ title: 'Gone', body: 'Deleted after the backup' }).id;
  });
  file = await backUpWorkspace(ws, await cheapKey());
  withDatabase((db) => {
    const notes = new NotesRepository(db);
    const attachments = new AttachmentsRepository(db);
    const shared = `![both](attachment:${sharedHash})`;
    const onlyHere = attachments.add({
      data: Buffer.from('only here'),
      fileName: 'here.txt',
      mediaType: 'text/plain',
    });
    replacedOnlyHash = onlyHere.sha256;
    textBefore = {
      title: 'Trip — Ünïcode',
      body: `Pack the tent and the stove 🏕️🔥\n${shared}\n${onlyHere.markdown}`,
    };
    notes.update(ids.changed, textBefore);
    notes.trash(ids.onlyInBackup);
    notes.purge(ids.onlyInBackup);
    ids.onlyLive = notes.create({ title: 'New', body: 'Written after the backup' }).id;
  });
});

interface VersionRow {
  note_id: string;
  title: string;
  body: string;
  saved_at: number;
  size: number;
  reason: string;
}

function versions(): VersionRow[] {
  return withDatabase(
    (db) =>
      db
        .prepare(
          `SELECT n.id AS note_id, v.title, v.body, v.saved_at, v.size, v.reason
           FROM note_versions AS v JOIN notes AS n ON n.seq = v.note_seq ORDER BY v.seq`,
        )
        .all() as VersionRow[],
  );
}

function scratchTables(): unknown[] {
  return withDatabase((db) =>
    db.prepare('SELECT name FROM sqlite_schema WHERE name = ?').pluck().all(REPLACED_NOTES_TABLE),
  );
}

describe('a restore over notes changed since the backup', () => {
  it('keeps the text it replaces as a before-restore version of that note only', async () => {
    const startedAt = Date.now();
    const result = await restoreBackup(workspaceRestoreRequest(ws, file));
    const endedAt = Date.now();

    expect(result.restoredNotes).toBe(3);
    expect(result.keptInHistory).toBe(1);
    const kept = versions();
    expect(kept).toHaveLength(1);
    const [version] = kept;
    expect(version).toMatchObject({ note_id: ids.changed, reason: 'before-restore', ...textBefore });
    // The size the history's cap counts, as the versions repository computes it.
    expect(version?.size).toBe(Buffer.byteLength(textBefore.title) + Buffer.byteLength(textBefore.body));
    expect(version?.saved_at).toBeGreaterThanOrEqual(startedAt);
    expect(version?.saved_at).toBeLessThanOrEqual(endedAt);

    withDatabase((db) => {
      const notes = new NotesRepository(db);
      // The backup's text is the note's text now; the history panel lists the kept one.
      expect(notes.get(ids.changed)).toMatchObject({ title: 'Trip', body: 'Pack the tent 🏕️' });
      const history = new NoteVersionsRepository(db, notes);
      const [summary] = history.list(ids.changed).items;
      expect(summary?.reason).toBe('before-restore');
      expect(history.get(ids.changed, summary?.seq ?? 0).body).toBe(textBefore.body);
      expect(history.list(ids.same).total).toBe(0);
      expect(history.list(ids.onlyInBackup).total).toBe(0);
      expect(() => notes.get(ids.onlyLive)).toThrow();
      // The attachment both databases hold is linked through the kept version, so it stays;
      // the one only the replaced database had is not restored: the reference shows as missing.
      const attachments = new AttachmentsRepository(db);
      expect(attachments.isReferenced(sharedHash)).toBe(true);
      const linked = db
        .prepare(
          `SELECT a.sha256 FROM note_attachments AS l JOIN attachments AS a ON a.seq = l.attachment_seq
           JOIN notes AS n ON n.seq = l.note_seq WHERE n.id = ?`,
        )
        .pluck()
        .all(ids.changed);
      expect(linked).toEqual([sharedHash]);
      expect(attachments.info(replacedOnlyHash)).toBeUndefined();
    });
    expect(scratchTables()).toEqual([]);
  });

  it('keeps nothing when the backup changes no note that is in both', async () => {
    withDatabase((db) =>
      new NotesRepository(db).update(ids.changed, { title: 'Trip', body: 'Pack the tent 🏕️' }),
    );
    const result = await restoreBackup(workspaceRestoreRequest(ws, file));
    expect(result.keptInHistory).toBe(0);
    expect(versions()).toEqual([]);
  });

  it('cancelled midway through replacing, leaves the old notes, no version and no set-aside table', async () => {
    const before = liveNotes(ws.db);
    const abort = new AbortController();
    await expectFailure(
      restoreBackup(workspaceRestoreRequest(ws, file), {
        signal: abort.signal,
        onProgress: (p) => {
          if (p.phase === 'replacing' && p.bytesDone > 0) abort.abort();
        },
      }),
      'CANCELLED',
    );
    expect(liveNotes(ws.db)).toEqual(before);
    expect(versions()).toEqual([]);
    expect(scratchTables()).toEqual([]);
  });
});

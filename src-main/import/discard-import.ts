import type Database from 'better-sqlite3';
import { removeUnreferencedAmong } from '../db/attachment-links';
import { ImportBatches, IMPORT_BATCH_LIMITS } from './import-batches';
import type { BatchLimits } from './import-batches';

/**
 * Takes back what a cancelled or failed import had already committed, so it keeps none of it:
 * deletes its notes for good (live or trashed; their tag links and versions go with them by
 * cascade), then the attachments and tags the import brought into the database that nothing
 * refers to now (the trash's sweep, attachment-links.ts, limited to those: the window may have
 * just added an attachment its note has not saved yet). In batches
 * with rests, like the import, so the window's saves go on meanwhile. Returns how many notes
 * it deleted (a note the window already deleted is passed over).
 */
export async function discardImport(
  db: Database.Database,
  noteIds: readonly string[],
  brought: { tags: readonly string[]; attachments: readonly string[] },
  limits: BatchLimits = IMPORT_BATCH_LIMITS,
): Promise<number> {
  const deleteNote = db.prepare<[string]>('DELETE FROM notes WHERE id = ?');
  const deleteTagIfUnused = db.prepare<[string]>(
    'DELETE FROM tags WHERE name = ? AND NOT EXISTS (SELECT 1 FROM note_tags WHERE tag_seq = tags.seq)',
  );
  const batches = new ImportBatches(db, limits);
  let deleted = 0;
  try {
    for (const id of noteIds) {
      await batches.add(0, () => {
        deleted += deleteNote.run(id).changes;
      });
    }
    await batches.finish();
    db.transaction(() => {
      removeUnreferencedAmong(db, brought.attachments);
      for (const name of brought.tags) deleteTagIfUnused.run(name);
    }).immediate();
  } catch (error) {
    batches.rollback();
    throw error;
  }
  return deleted;
}

import type Database from 'better-sqlite3';
import { removeUnreferencedAttachments } from '../db/attachment-links';
import { ImportBatches, IMPORT_BATCH_LIMITS } from './import-batches';
import type { BatchLimits } from './import-batches';

/**
 * Takes back what a cancelled or failed import had already committed, so it keeps none of it:
 * deletes its notes for good (live or trashed; their tag links and versions go with them by
 * cascade), then the attachments no note refers to any more (the trash's own sweep,
 * attachment-links.ts) and the tags the import created that no note carries now. In batches
 * with rests, like the import, so the window's saves go on meanwhile. Returns how many notes
 * it deleted (a note the window already deleted is passed over).
 */
export async function discardImport(
  db: Database.Database,
  noteIds: readonly string[],
  newTags: readonly string[],
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
      removeUnreferencedAttachments(db);
      for (const name of newTags) deleteTagIfUnused.run(name);
    }).immediate();
  } catch (error) {
    batches.rollback();
    throw error;
  }
  return deleted;
}

import type Database from 'better-sqlite3';
import type { BackupContents } from '../../src-shared/ipc/contract-backup';

/**
 * What a notes database holds besides its notes, counted for the restore preview: cheap reads
 * (a count over the smallest index, and length() of a BLOB, which SQLite answers from the
 * record's header without reading the bytes). A table the database's schema version does not
 * have yet counts 0. Read with NoteVault's column names only, on a database already checked to
 * fit NoteVault's schema (assertUserDataFitsSchema).
 */
export function backupContents(db: Database.Database): BackupContents {
  const has = (table: string): boolean =>
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
  const count = (table: string): number =>
    has(table) ? (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0;
  const attachmentBytes = has('attachments')
    ? (db.prepare('SELECT coalesce(sum(length(data)), 0) FROM attachments').pluck().get() as number)
    : 0;
  return {
    tags: count('tags'),
    attachments: count('attachments'),
    attachmentBytes,
    versions: count('note_versions'),
  };
}

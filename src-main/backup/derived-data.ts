import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { quoteName } from './user-data-tables';

/** A trigger of NoteVault's own schema, set aside while a rebuild copies rows. */
export interface SetAsideTrigger {
  name: string;
  sql: string;
}

/**
 * Drops the triggers of `db` (a schema NoteVault's migrations just made, never a backup's) and
 * returns them to be created again by restoreTriggers. While a rebuild copies rows they must not
 * run: every ordinary table is copied as it is, so a trigger that keeps one table in step with
 * another would apply its change a second time, and the ones that keep the full-text index in
 * step (on every note and every tag link, 006) made copying a link cost two index updates of its
 * note. The index is refilled once instead (refillSearchIndexes).
 */
export function setAsideTriggers(db: Database.Database): SetAsideTrigger[] {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid")
    .all() as SetAsideTrigger[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${quoteName(name)}`);
  return triggers;
}

export function restoreTriggers(db: Database.Database, triggers: readonly SetAsideTrigger[]): void {
  for (const { sql } of triggers) db.exec(sql);
}

/**
 * Refills every virtual table of `db` from the rows it indexes: the full-text index reads its
 * text from a table or view of NoteVault's (FTS5 external content), so 'rebuild' makes it agree
 * with the copied rows. A virtual table that keeps its own content (its rows would be user data a
 * rebuild never copies) or is not FTS5 cannot be refilled: that fails loudly, for whoever adds
 * one in a migration, before any person meets it.
 */
export function refillSearchIndexes(db: Database.Database): void {
  const virtual = db
    .prepare(
      "SELECT s.name, s.sql FROM sqlite_schema AS s JOIN pragma_table_list AS t ON t.name = s.name AND t.schema = 'main' " +
        "WHERE t.type = 'virtual' ORDER BY s.rowid",
    )
    .all() as { name: string; sql: string }[];
  for (const { name, sql } of virtual) {
    // content = 'notes', content = "notes" or content = notes; content = '' is contentless.
    const externalContent =
      /\busing\s+fts5\s*\(/i.test(sql) && /\bcontent\s*=\s*('[^']+'|"[^"]+"|[A-Za-z_]\w*)/i.test(sql);
    if (!externalContent) {
      throw new NoteVaultError(
        'INTERNAL',
        `NoteVault's notes schema has the virtual table "${name}", which a restore cannot refill from the ` +
          'copied rows (only FTS5 indexes with external content can be). Nothing was changed. This is a bug ' +
          'in NoteVault; please report it.',
      );
    }
    db.prepare(`INSERT INTO ${quoteName(name)} (${quoteName(name)}) VALUES ('rebuild')`).run();
  }
}

import type { Migration } from './migration';
import { notesTableMigration } from './migrations/001-notes';
import { notesFullTextSearchMigration } from './migrations/002-notes-fts';

export type { Migration } from './migration';

/**
 * Every schema version in order: entry i has version i + 1. Released migrations are never
 * edited, only appended to, because databases in the wild already ran them.
 */
export const MIGRATIONS: readonly Migration[] = [notesTableMigration, notesFullTextSearchMigration];

import type { Migration } from './migration';
import { notesTableMigration } from './migrations/001-notes';
import { notesFullTextSearchMigration } from './migrations/002-notes-fts';
import { tagsMigration } from './migrations/003-tags';
import { attachmentsMigration } from './migrations/004-attachments';
import { noteVersionsMigration } from './migrations/005-note-versions';
import { notesFullTextSearchWithTagsMigration } from './migrations/006-notes-fts-tags';
import { notesAtScaleMigration } from './migrations/007-notes-at-scale';
import { tagCountsMigration } from './migrations/008-tag-counts';

export type { Migration } from './migration';

/**
 * Every schema version in order: entry i has version i + 1. Released migrations are never
 * edited, only appended to, because databases in the wild already ran them.
 */
export const MIGRATIONS: readonly Migration[] = [
  notesTableMigration,
  notesFullTextSearchMigration,
  tagsMigration,
  attachmentsMigration,
  noteVersionsMigration,
  notesFullTextSearchWithTagsMigration,
  notesAtScaleMigration,
  tagCountsMigration,
];

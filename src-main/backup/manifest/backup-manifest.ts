import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { CancelPace } from '../cancel-pace';
import { RowDigest } from '../user-data-digest';
import type { backupManifestSchema } from './manifest-schema';

/**
 * What a backup held when it was written, kept inside its encrypted metadata (docs/backup-format.md
 * section 7) so that a restore drill can say "3,104 notes, all present and identical to when backed
 * up" without trusting anything outside the file. Counts and order-free digests (RowDigest): a
 * restore may give rows other rowids or another order, and neither side has to be sorted.
 *
 * The digests cover what a person would miss, by natural keys (a note's id, an attachment's
 * SHA-256, a tag's name), never by the internal `seq` numbers:
 * - notesDigest: every note (id, title, body, pinned, created_at, updated_at, trashed_at), each
 *   note's tags (note id, tag name) and each kept version (note id, title, body, saved_at, size, reason);
 * - attachmentsDigest: every attachment (sha256, size, media_type, file_name, created_at; the
 *   bytes are proved by their SHA-256 whenever a restore copies them) and each link (note id,
 *   attachment sha256).
 * The definition is part of the format: changing it needs a new metadata member, since older
 * backups keep theirs.
 */
export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** How a restored database differs from the manifest its backup carried. */
export interface ManifestDifference {
  /** Notes the manifest counts that the restored database lacks (by count). */
  missingNotes: number;
  /** Notes the restored database holds beyond the manifest's count. */
  extraNotes: number;
  missingAttachments: number;
  extraAttachments: number;
  /** The notes (with their tags and kept versions) are not the ones backed up, whatever the counts. */
  notesDiffer: boolean;
  /** The attachments (with their links to notes) are not the ones backed up, whatever the counts. */
  attachmentsDiffer: boolean;
}

// Each row starts with its kind, so a note and a version with equal values never fold alike.
const NOTE_ROWS = 'SELECT id, title, body, pinned, created_at, updated_at, trashed_at FROM notes';
const TAG_LINK_ROWS =
  'SELECT n.id, t.name FROM note_tags AS l JOIN notes AS n ON n.seq = l.note_seq JOIN tags AS t ON t.seq = l.tag_seq';
const VERSION_ROWS =
  'SELECT n.id, v.title, v.body, v.saved_at, v.size, v.reason FROM note_versions AS v JOIN notes AS n ON n.seq = v.note_seq';
const ATTACHMENT_ROWS = 'SELECT sha256, size, media_type, file_name, created_at FROM attachments';
const ATTACHMENT_LINK_ROWS =
  'SELECT n.id, a.sha256 FROM note_attachments AS l JOIN notes AS n ON n.seq = l.note_seq JOIN attachments AS a ON a.seq = l.attachment_seq';

/**
 * The manifest of a NoteVault database (a backup's snapshot, or a drill's restored copy). A
 * database from before tags, attachments or kept versions existed simply has none of them,
 * exactly as the migrated copy a restore makes of it.
 */
export function manifestOf(db: Database.Database): BackupManifest {
  const digests = { notes: new RowDigest(), attachments: new RowDigest() };
  for (const { digest, kind, sql } of manifestPasses(db)) {
    for (const row of rows(db, sql)) digests[digest].add([kind, ...row]);
  }
  return manifestFrom(db, digests);
}

/** manifestOf in a job that can be cancelled (a drill): a turn of the event loop at the pace's bounds. */
export async function manifestOfInSteps(db: Database.Database, pace: CancelPace): Promise<BackupManifest> {
  const digests = { notes: new RowDigest(), attachments: new RowDigest() };
  for (const { digest, kind, sql } of manifestPasses(db)) {
    for (const row of rows(db, sql)) {
      digests[digest].add([kind, ...row]);
      if (pace.due(row)) await pace.point();
    }
  }
  return manifestFrom(db, digests);
}

interface ManifestPass {
  digest: 'notes' | 'attachments';
  kind: string;
  sql: string;
}

/** What each digest folds, in order, for the tables `db` has. */
function manifestPasses(db: Database.Database): ManifestPass[] {
  const tables = new Set(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
  );
  const has = (...names: string[]): boolean => names.every((name) => tables.has(name));
  const passes: ManifestPass[] = [{ digest: 'notes', kind: 'note', sql: NOTE_ROWS }];
  if (has('tags', 'note_tags')) passes.push({ digest: 'notes', kind: 'tag', sql: TAG_LINK_ROWS });
  if (has('note_versions')) passes.push({ digest: 'notes', kind: 'version', sql: VERSION_ROWS });
  if (has('attachments')) passes.push({ digest: 'attachments', kind: 'attachment', sql: ATTACHMENT_ROWS });
  if (has('attachments', 'note_attachments'))
    passes.push({ digest: 'attachments', kind: 'link', sql: ATTACHMENT_LINK_ROWS });
  return passes;
}

function manifestFrom(
  db: Database.Database,
  digests: { notes: RowDigest; attachments: RowDigest },
): BackupManifest {
  const hasAttachments =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'attachments'").get() !==
    undefined;
  return {
    notes: count(db, 'notes'),
    attachments: hasAttachments ? count(db, 'attachments') : 0,
    notesDigest: digests.notes.result().sha256,
    attachmentsDigest: digests.attachments.result().sha256,
  };
}

/** Null when `actual` is what `expected` describes. */
export function compareManifest(expected: BackupManifest, actual: BackupManifest): ManifestDifference | null {
  const difference: ManifestDifference = {
    missingNotes: Math.max(0, expected.notes - actual.notes),
    extraNotes: Math.max(0, actual.notes - expected.notes),
    missingAttachments: Math.max(0, expected.attachments - actual.attachments),
    extraAttachments: Math.max(0, actual.attachments - expected.attachments),
    notesDiffer: expected.notesDigest !== actual.notesDigest,
    attachmentsDiffer: expected.attachmentsDigest !== actual.attachmentsDigest,
  };
  return difference.notesDiffer ||
    difference.attachmentsDiffer ||
    expected.notes !== actual.notes ||
    expected.attachments !== actual.attachments
    ? difference
    : null;
}

function rows(db: Database.Database, sql: string): IterableIterator<unknown[]> {
  return db.prepare(sql).raw().iterate() as IterableIterator<unknown[]>;
}

function count(db: Database.Database, table: 'notes' | 'attachments'): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

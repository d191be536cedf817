/**
 * A note's history as both processes see it: versions the main process kept of a note's text
 * (src-main/db/note-versions-repository.ts), listed, shown and restored by the History dialog.
 */

/** Why a version was kept; the same list is the CHECK of note_versions.reason (migration 005). */
export const VERSION_REASONS = [
  'edit',
  'before-restore',
  'before-bring-back',
  'before-import',
  'before-version-restore',
] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

/** How the History dialog names each reason. */
export const VERSION_REASON_LABELS: { readonly [R in VersionReason]: string } = {
  edit: 'While editing',
  'before-restore': 'Before a restore from backup',
  'before-bring-back': 'Before bringing back from a backup',
  'before-import': 'Before an import',
  'before-version-restore': 'Before restoring a version',
};

/** One kept version without its body: a row of the history list. */
export interface NoteVersionSummary {
  /** Names the version in requests; unique in the database. */
  seq: number;
  savedAt: number;
  reason: VersionReason;
  /** UTF-8 bytes of its title and body. */
  size: number;
  title: string;
}

export interface NoteVersion extends NoteVersionSummary {
  body: string;
}

export const HISTORY_LIMITS = {
  /** Versions per page of the history list. */
  pageSize: 50,
  pageMaxSize: 200,
} as const;

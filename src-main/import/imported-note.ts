/**
 * The one model every import source produces and the one writer consumes: Markdown folders,
 * Evernote .enex, Simplenote and Standard Notes all become ImportItems, so the rules of what a
 * note may hold (sizes, tags, attachments) are checked once, in the writer.
 */
import type { VersionReason } from '../../src-shared/note-versions';

export const IMPORT_FORMATS = ['markdown', 'enex', 'simplenote', 'standardnotes', 'notevault'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportedAttachment {
  /** The file name to keep (shown on the chip, offered when saving a copy). */
  name: string;
  /** What the source claims; the writer sniffs images itself and never trusts this for them. */
  mediaType?: string;
  bytes: Uint8Array;
  /** Lower-case hex SHA-256 of `bytes`: the body refers to it as `attachment:<sha256>`. */
  sha256: string;
}

export interface ImportedNote {
  title: string;
  /** Markdown; attachments are referred to with src-shared/attachment-ref.ts links. */
  body: string;
  /** Tag names as the source wrote them ("work/projects" nests); the writer tidies them. */
  tags: string[];
  pinned: boolean;
  /** Milliseconds since the epoch; undefined when the source has no date (the writer uses now). */
  createdAt?: number;
  updatedAt?: number;
  attachments: ImportedAttachment[];
  /** NoteVault's own JSON export only: the note goes in the trash, at this time (note-extras.ts). */
  trashedAt?: number;
  /** NoteVault's own JSON export only: kept versions, oldest first (note-extras.ts). */
  versions?: ImportedVersion[];
}

export interface ImportedVersion {
  title: string;
  body: string;
  savedAt: number;
  reason: VersionReason;
}

export interface SkippedItem {
  /** What was skipped, as a person finds it in the source: a path, or "file.enex: Note title". */
  item: string;
  reason: string;
}

/**
 * What a source yields, in source order: a note (with anything of it that was left out, such as
 * a missing image, as `skipped`), or an item that could not become a note at all.
 */
export type ImportItem =
  | { kind: 'note'; item: string; note: ImportedNote; skipped: SkippedItem[]; warnings: SkippedItem[] }
  | { kind: 'skipped'; skipped: SkippedItem };

export interface ImportProgress {
  /** Units of the source read so far: bytes of a file, or files of a folder. */
  done: number;
  total: number;
  unit: 'bytes' | 'files';
  imported: number;
  skipped: number;
}

/** Where a source reports how far it has read; the runner adds the counts. */
export type SourceProgress = (done: number, total: number) => void;

export interface ImportReport {
  source: string;
  format: ImportFormat;
  imported: number;
  /** Notes and parts of notes left out, each with its reason. */
  skipped: SkippedItem[];
  /** Imported with a change a person should know about (a shortened title). */
  warnings: SkippedItem[];
  /** Attachments the imported notes refer to (each stored once, whatever the number of notes). */
  attachments: number;
  /** Distinct tags the imported notes carry. */
  tags: number;
  /** The new notes' ids, in order: what undoImport() moves to the trash. */
  noteIds: string[];
}

import type { VersionReason } from '../../src-shared/note-versions';

/**
 * NoteVault's own single-file export, which imports back with nothing lost: every note (the
 * trash included) with its tags, pinned, dates and, when asked, its kept versions, and every
 * attachment they name, once, as base64 with its name and media type. Written by
 * json-export.ts, read by import/notevault-json-source.ts; `format` comes first in the file so
 * import recognises it from the first bytes (import/detect-source.ts).
 *
 * Note ids are written for reference (and for tools), but an import gives each note a new id:
 * an import only ever adds notes, so exporting and importing into the same vault makes copies
 * rather than overwriting the originals.
 */
export const NOTEVAULT_JSON_FORMAT = 'notevault-export';
export const NOTEVAULT_JSON_VERSION = 1;

export interface NotevaultJsonFile {
  format: typeof NOTEVAULT_JSON_FORMAT;
  version: number;
  /** ISO 8601. */
  exportedAt: string;
  history: boolean;
  notes: NotevaultJsonNote[];
  attachments: NotevaultJsonAttachment[];
}

export interface NotevaultJsonNote {
  id: string;
  title: string;
  body: string;
  tags: string[];
  pinned: boolean;
  /** Milliseconds since the epoch (UTC), exactly as stored. */
  createdAt: number;
  updatedAt: number;
  /** When it went to the trash; null for a live note. */
  trashedAt: number | null;
  /** Present when exported with history: oldest first. */
  versions?: NotevaultJsonVersion[];
}

export interface NotevaultJsonVersion {
  title: string;
  body: string;
  savedAt: number;
  reason: VersionReason;
}

export interface NotevaultJsonAttachment {
  sha256: string;
  fileName: string;
  mediaType: string;
  /** The bytes, base64. */
  data: string;
}

import type { SkippedItem } from '../import/imported-note';

export const EXPORT_FORMATS = ['markdown', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportProgress {
  /** Notes written so far, of `total`. */
  done: number;
  total: number;
}

export interface ExportOptions {
  format: ExportFormat;
  /** JSON only: each note's kept versions too. */
  history?: boolean;
  /** JSON only: replace an existing file at the destination (the app's save dialog asked). */
  overwrite?: boolean;
  onProgress?: (progress: ExportProgress) => void;
  /** Aborting stops the export; nothing of it is left at the destination (CANCELLED). */
  signal?: AbortSignal;
}

export interface ExportReport {
  format: ExportFormat;
  /** The folder (Markdown) or file (JSON) written. */
  destination: string;
  notes: number;
  /** Of `notes`, those in the trash (JSON only; Markdown leaves the trash out). */
  trashed: number;
  /** Attachments written, each once. */
  attachments: number;
  /** Kept versions written (JSON with history). */
  versions: number;
  /** What could not be written, each with its reason (an attachment whose bytes are gone). */
  skipped: SkippedItem[];
  /** Written, but with something a person should know (a JSON file too large to import back whole). */
  warnings: SkippedItem[];
}

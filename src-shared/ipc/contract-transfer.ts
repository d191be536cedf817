import { z } from 'zod';
import { record } from '../note-rules';
import type { JobProgressEvent } from '../job-progress';
import { returns } from './returns';

/**
 * transfer:* — importing notes from other apps and exporting them, from the window. The
 * renderer never names a path: main opens the native dialog for the source or destination
 * itself (transfer:import / transfer:export take only which kind to ask for), runs the job in
 * the job worker, and announces progress with transfer:didProgress. A finished import is named
 * by an opaque token for transfer:undoImport, never by its notes' ids.
 */

/** At most this many skipped items and warnings cross to the window; the counts are whole. */
export const TRANSFER_LIST_MAX = 1000;

export interface TransferItem {
  /** What was skipped, as a person finds it in the source: a file, or "file.enex: Note title". */
  item: string;
  reason: string;
}

export interface ImportDone {
  /** Names this import for transfer:undoImport; valid until the next import. */
  token: string;
  /** How the source was read, for the sentence: "Markdown", "Evernote", … */
  formatName: string;
  /** The chosen file's or folder's name (not its path). */
  sourceName: string;
  imported: number;
  attachments: number;
  tags: number;
  /** Up to TRANSFER_LIST_MAX, in source order; `skippedTotal` is the full count. */
  skipped: TransferItem[];
  skippedTotal: number;
  warnings: TransferItem[];
  warningsTotal: number;
}

export interface ExportDone {
  format: 'markdown' | 'json';
  /** The folder's or file's name, and the folder it is in. */
  name: string;
  folder: string;
  notes: number;
  trashed: number;
  attachments: number;
  versions: number;
  skipped: TransferItem[];
  skippedTotal: number;
  /** Written, with something to know (a JSON file too large to import back whole). */
  warnings: TransferItem[];
}

const importRequest = record('The request', {
  source: z.enum(['folder', 'file'], { error: 'Import from a "folder" or a "file".' }),
});

const exportRequest = record('The request', {
  format: z.enum(['markdown', 'json'], { error: 'Export as "markdown" or "json".' }),
  history: z.boolean({ error: 'history must be true or false.' }),
});

const undoRequest = record('The request', {
  token: z
    .string({ error: 'The import to undo must be named by its token.' })
    .min(1, { error: 'The import to undo must be named by its token.' })
    .max(100, { error: 'This does not look like the token of an import.' }),
});

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

export const transferRequests = {
  // null: the person cancelled the dialog, nothing ran.
  'transfer:import': { args: importRequest, returns: returns<ImportDone | null>() },
  'transfer:export': { args: exportRequest, returns: returns<ExportDone | null>() },
  'transfer:cancel': { args: noArguments, returns: returns<boolean>() },
  // How many of the import's notes went to the trash.
  'transfer:undoImport': { args: undoRequest, returns: returns<number>() },
} as const;

export const transferEvents = {
  'transfer:didProgress': returns<JobProgressEvent>(),
  // The File menu's Import notes… or Export notes… was chosen: the window opens that dialog.
  'transfer:didRequestDialog': returns<{ dialog: 'import' | 'export' }>(),
} as const;

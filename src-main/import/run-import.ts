import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { isBlankNote } from '../../src-shared/blank-note';
import { NoteVaultError } from '../../src-shared/errors';
import { formatCount } from '../../src-shared/format';
import { toNoteVaultError } from '../db/database-errors';
import { detectSource } from './detect-source';
import { eventLoopTurns } from './event-loop-turns';
import { IMPORT_LIMITS } from './import-limits';
import type {
  ImportedNote,
  ImportFormat,
  ImportItem,
  ImportProgress,
  ImportReport,
  SourceProgress,
} from './imported-note';
import { ImportWriter } from './import-writer';
import type { WriteResult } from './import-writer';
import { readEnex } from './enex-source';
import { readMarkdownFolder } from './markdown-folder-source';
import { readSimplenote } from './simplenote-source';
import { readStandardNotes } from './standard-notes-source';
import { readNotevaultJson } from './notevault-json-source';
import { applyNoteExtras } from './note-extras';
import { discardImport } from './discard-import';
import { ImportBatches } from './import-batches';
import type { BatchLimits } from './import-batches';

export interface RunImportOptions {
  /** Skip detection and read the source as this format (the CLI's --from). */
  from?: ImportFormat;
  /** Called as each note is written or item skipped (a written note may lag its reading by a batch). */
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting stops the import; nothing of it is kept (NoteVaultError CANCELLED, see takeBack). */
  signal?: AbortSignal;
  clock?: () => number;
  /** How notes are batched (import-batches.ts); tests make batches small. */
  batchLimits?: BatchLimits;
}

const READERS: Readonly<
  Record<
    ImportFormat,
    {
      unit: ImportProgress['unit'];
      read: (source: string, progress: SourceProgress) => AsyncIterable<ImportItem>;
    }
  >
> = {
  markdown: { unit: 'files', read: readMarkdownFolder },
  enex: { unit: 'bytes', read: readEnex },
  simplenote: { unit: 'bytes', read: readSimplenote },
  standardnotes: { unit: 'bytes', read: readStandardNotes },
  notevault: { unit: 'bytes', read: readNotevaultJson },
};

/**
 * Imports everything in `source` (a folder or a file, detected by its content unless `from`
 * names the format) into the open notes database `db`, and reports what it did.
 *
 * One import is one undoable step: it only ever adds notes (never changes an existing one), so
 * undoImport(report.noteIds) takes it back whole. Items that cannot become notes are skipped and
 * reported, with the reason, and do not fail the import.
 *
 * Notes are written in short batches (import-batches.ts) so the window's saves go on during an
 * import; a cancel or a failure part way deletes what earlier batches wrote (discard-import.ts),
 * so it keeps none of it. A crash part way leaves the notes of the batches already written, each
 * whole (with its attachments and tags), and nothing of the rest.
 */
export async function runImport(
  source: string,
  db: Database.Database,
  options: RunImportOptions = {},
): Promise<ImportReport> {
  const absolute = path.resolve(source);
  const format = options.from ?? (await detectSource(absolute));
  const reader = READERS[format];
  const writer = new ImportWriter(db, options.clock);
  const batches = new ImportBatches(db, options.batchLimits);
  const report: ImportReport = {
    source: absolute,
    format,
    imported: 0,
    skipped: [],
    warnings: [],
    attachments: 0,
    tags: 0,
    noteIds: [],
  };
  const found: Found = {
    tags: new Set(),
    newTags: new Set(),
    attachments: new Set(),
    newAttachments: new Set(),
  };
  const isStored = db.prepare<[string], number>('SELECT 1 FROM attachments WHERE sha256 = ?').pluck();
  let accepted = 0;
  let position = { done: 0, total: 0 };
  const emit = (): void => options.onProgress?.(progressOf(position, reader.unit, report));
  // One note, with all that belongs to it, in whichever batch runs it.
  const writeNote = (item: Extract<ImportItem, { kind: 'note' }>): void => {
    throwIfCancelled(options.signal);
    // What this note brings into the database, for a cancel to take back if nothing else uses it.
    const unstored = item.note.attachments.filter((a) => isStored.get(a.sha256) === undefined);
    const result = writer.write(item.note, item.item);
    report.skipped.push(...item.skipped);
    if (result.kind === 'refused') {
      report.skipped.push({ item: item.item, reason: result.reason });
    } else {
      // NoteVault's own export: the trash and kept versions come back too.
      const extra = applyNoteExtras(db, result.id, item.note, item.item, report.skipped);
      recordWritten(report, found, item, result, extra);
      for (const { sha256 } of unstored)
        if (isStored.get(sha256) !== undefined) found.newAttachments.add(sha256);
    }
    emit();
  };

  const turn = eventLoopTurns();
  throwIfCancelled(options.signal);
  try {
    for await (const item of reader.read(absolute, (done, total) => {
      position = { done, total };
    })) {
      throwIfCancelled(options.signal);
      if (item.kind === 'skipped') {
        report.skipped.push(item.skipped);
        emit();
      } else if (isEmpty(item.note)) {
        // As the app discards a note left blank: there is nothing in it to keep.
        report.skipped.push({ item: item.item, reason: 'the note is empty' });
        emit();
      } else {
        accepted = countNote(accepted, absolute);
        await batches.add(noteBytes(item.note), () => writeNote(item));
      }
      await turn();
    }
    await batches.finish();
    throwIfCancelled(options.signal);
    // The source's last position, reported once it has ended.
    emit();
  } catch (error) {
    batches.rollback();
    const failure = error instanceof NoteVaultError ? error : toNoteVaultError(error, db.name);
    throw await takeBack(db, report.noteIds, found, failure, options.batchLimits);
  }
  report.tags = found.tags.size;
  report.attachments = found.attachments.size;
  return report;
}

function progressOf(
  position: { done: number; total: number },
  unit: ImportProgress['unit'],
  report: ImportReport,
): ImportProgress {
  return { ...position, unit, imported: report.imported, skipped: report.skipped.length };
}

/** What the written notes carry (tags by their A-Z-insensitive key), and what they brought into the database. */
interface Found {
  tags: Set<string>;
  newTags: Set<string>;
  attachments: Set<string>;
  newAttachments: Set<string>;
}

function recordWritten(
  report: ImportReport,
  found: Found,
  item: Extract<ImportItem, { kind: 'note' }>,
  result: Extract<WriteResult, { kind: 'written' }>,
  extra: readonly string[],
): void {
  report.imported += 1;
  report.noteIds.push(result.id);
  report.skipped.push(...result.skipped);
  report.warnings.push(...item.warnings);
  for (const tag of result.tags) found.tags.add(tag.toLowerCase());
  for (const tag of result.newTags) found.newTags.add(tag);
  for (const hash of [...result.attachments, ...extra]) found.attachments.add(hash);
}

/** One more note accepted from the source, or the source refused as too large to take at once. */
function countNote(accepted: number, source: string): number {
  if (accepted >= IMPORT_LIMITS.maxNotes) {
    throw new NoteVaultError(
      'VALIDATION',
      `"${source}" holds more than ${IMPORT_LIMITS.maxNotes.toLocaleString('en')} notes, more than one import takes; split it and import the parts one by one.`,
    );
  }
  return accepted + 1;
}

/**
 * A cancelled or failed import keeps none of it: what earlier batches wrote is deleted again.
 * Returns the error to report, saying what happened to those notes.
 */
async function takeBack(
  db: Database.Database,
  noteIds: readonly string[],
  found: Found,
  failure: NoteVaultError,
  limits: BatchLimits | undefined,
): Promise<NoteVaultError> {
  if (noteIds.length === 0) return failure;
  let deleted: number;
  try {
    // noteIds may name notes of the batch just rolled back: they are passed over.
    deleted = await discardImport(
      db,
      noteIds,
      { tags: [...found.newTags], attachments: [...found.newAttachments] },
      limits,
    );
  } catch (error) {
    const written = formatCount(noteIds.length, 'note');
    const cleanup = error instanceof NoteVaultError ? error : toNoteVaultError(error, db.name);
    return new NoteVaultError(
      failure.code,
      `${failure.message} Up to ${written} it had already written could not be removed (${cleanup.message}); they stay in your notes.`,
      { cause: failure, details: joinDetails(failure.details, cleanup.details) },
    );
  }
  if (deleted === 0) return failure;
  return new NoteVaultError(failure.code, failure.message, {
    cause: failure,
    details: joinDetails(
      failure.details,
      `The ${formatCount(deleted, 'note')} it had already written in batches were deleted again, with the attachments and tags only they brought.`,
    ),
  });
}

function joinDetails(...parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((part) => part !== undefined && part !== '');
  return kept.length === 0 ? undefined : kept.join('\n');
}

/** About what a note puts in the database: its text and its attachments' bytes. */
function noteBytes(note: ImportedNote): number {
  let bytes = note.title.length + note.body.length;
  for (const attachment of note.attachments) bytes += attachment.bytes.byteLength;
  for (const version of note.versions ?? []) bytes += version.title.length + version.body.length;
  return bytes;
}

function isEmpty(note: ImportedNote): boolean {
  return isBlankNote(note) && note.tags.length === 0 && note.attachments.length === 0;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new NoteVaultError('CANCELLED', 'The import was cancelled; no notes from it were added.');
  }
}

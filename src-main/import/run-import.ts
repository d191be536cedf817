import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { isBlankNote } from '../../src-shared/blank-note';
import { NoteVaultError } from '../../src-shared/errors';
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
import { readEnex } from './enex-source';
import { readMarkdownFolder } from './markdown-folder-source';
import { readSimplenote } from './simplenote-source';
import { readStandardNotes } from './standard-notes-source';
import { readNotevaultJson } from './notevault-json-source';
import { applyNoteExtras } from './note-extras';

export interface RunImportOptions {
  /** Skip detection and read the source as this format (the CLI's --from). */
  from?: ImportFormat;
  /** Called as the source is read, at most a few times a second's worth of items. */
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting stops the import; nothing of it is kept (NoteVaultError CANCELLED). */
  signal?: AbortSignal;
  clock?: () => number;
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
 * One import is one undoable step: it runs in a single transaction, so it is all or nothing
 * (a failure, a cancel or a crash keeps none of it), and it only ever adds notes (never changes
 * an existing one), so undoImport(report.noteIds) takes it back whole. Items that cannot become
 * notes are skipped and reported, with the reason, and do not fail the import.
 *
 * The transaction holds the database's write lock while the source is read; the app runs this
 * in a worker on its own connection, so the window's saves wait (busy timeout) rather than fail.
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
  const tags = new Set<string>();
  const attachments = new Set<string>();
  let position = { done: 0, total: 0 };
  const emit = (): void =>
    options.onProgress?.({
      ...position,
      unit: reader.unit,
      imported: report.imported,
      skipped: report.skipped.length,
    });

  const turn = eventLoopTurns();
  throwIfCancelled(options.signal);
  beginImmediate(db);
  try {
    for await (const item of reader.read(absolute, (done, total) => {
      position = { done, total };
    })) {
      throwIfCancelled(options.signal);
      if (item.kind === 'skipped') {
        report.skipped.push(item.skipped);
      } else if (isEmpty(item.note)) {
        // As the app discards a note left blank: there is nothing in it to keep.
        report.skipped.push({ item: item.item, reason: 'the note is empty' });
      } else {
        if (report.imported >= IMPORT_LIMITS.maxNotes) {
          throw new NoteVaultError(
            'VALIDATION',
            `"${absolute}" holds more than ${IMPORT_LIMITS.maxNotes.toLocaleString('en')} notes, more than one import takes; split it and import the parts one by one.`,
          );
        }
        const result = writer.write(item.note, item.item);
        report.skipped.push(...item.skipped);
        if (result.kind === 'refused') {
          report.skipped.push({ item: item.item, reason: result.reason });
        } else {
          // NoteVault's own export: the trash and kept versions come back too.
          const extra = applyNoteExtras(db, result.id, item.note, item.item, report.skipped);
          report.imported += 1;
          report.noteIds.push(result.id);
          report.skipped.push(...result.skipped);
          report.warnings.push(...item.warnings);
          for (const tag of result.tags) tags.add(tag.toLowerCase());
          for (const hash of [...result.attachments, ...extra]) attachments.add(hash);
        }
      }
      emit();
      await turn();
    }
    throwIfCancelled(options.signal);
    db.exec('COMMIT');
    // The source's last position, reported once it has ended.
    emit();
  } catch (error) {
    rollback(db);
    throw error instanceof NoteVaultError ? error : toNoteVaultError(error, db.name);
  }
  report.tags = tags.size;
  report.attachments = attachments.size;
  return report;
}

function isEmpty(note: ImportedNote): boolean {
  return isBlankNote(note) && note.tags.length === 0 && note.attachments.length === 0;
}

function beginImmediate(db: Database.Database): void {
  try {
    // IMMEDIATE: a database another program is writing fails here, before the source is read.
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw toNoteVaultError(error, db.name);
  }
}

function rollback(db: Database.Database): void {
  // SQLite may already have rolled back (disk full); the original error is the one to report.
  if (db.inTransaction) db.exec('ROLLBACK');
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new NoteVaultError('CANCELLED', 'The import was cancelled; no notes from it were added.');
  }
}

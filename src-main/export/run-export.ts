import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { formatBytes } from '../../src-shared/format';
import { IMPORT_LIMITS } from '../import/import-limits';
import { publishFile } from '../fsx/atomic-publish';
import { toNoteVaultError } from '../fsx/fs-errors';
import { atomicPartialPath } from '../fsx/partial-names';
import { createPrivateTempDir } from '../fsx/private-temp';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fsx/private-modes';
import { toNoteVaultError as toDatabaseError } from '../db/database-errors';
import { ExportSource } from './export-source';
import type { ExportOptions, ExportReport } from './export-types';
import { JsonExportWriter } from './json-export';
import { MarkdownExportWriter } from './markdown-export';

/**
 * Exports the notes in `db` to `destination`: a new folder of Markdown files (live notes only,
 * as a person reads them elsewhere) or one NoteVault JSON file (everything, to import back).
 * The one implementation the CLI and the app's worker both run.
 *
 * Atomic: Markdown is written into a private folder beside the destination and renamed to it
 * when complete; JSON into a partial file that is synced and renamed over. A failure or cancel
 * leaves nothing at the destination. Nothing is written through a link: the destination must
 * not be one, and every file is created new ('wx') inside what this export made.
 */
export async function runExport(
  db: Database.Database,
  destination: string,
  options: ExportOptions,
  clock: () => number = Date.now,
): Promise<ExportReport> {
  const target = path.resolve(destination);
  checkDestination(target, options);
  throwIfCancelled(options.signal);
  const parent = path.dirname(target);
  let firstCreated: string | undefined;
  try {
    // Folders it creates are private; an existing one is the user's and left as it is.
    firstCreated = fs.mkdirSync(parent, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    throw toNoteVaultError(error, 'create the folder', parent);
  }
  try {
    return options.format === 'markdown'
      ? await exportMarkdown(db, target, options)
      : await exportJson(db, target, options, clock);
  } catch (error) {
    removeCreatedFolders(parent, firstCreated);
    throw error;
  }
}

/** A failed export leaves no folder it made: rmdir (not rm -r), so nothing else is ever removed. */
function removeCreatedFolders(folder: string, firstCreated: string | undefined): void {
  if (firstCreated === undefined) return;
  for (let current = folder; ; current = path.dirname(current)) {
    try {
      fs.rmdirSync(current);
    } catch {
      return;
    }
    if (current === firstCreated || path.dirname(current) === current) return;
  }
}

async function exportMarkdown(
  db: Database.Database,
  target: string,
  options: ExportOptions,
): Promise<ExportReport> {
  const staging = await createPrivateTempDir(path.dirname(target), 'export');
  try {
    const report = readInOneMoment(db, (source) => {
      const writer = new MarkdownExportWriter(staging, source);
      const report = emptyReport(options, target);
      const total = source.count(false);
      for (const note of source.notes({ includeTrashed: false, history: false })) {
        throwIfCancelled(options.signal);
        writer.write(note, report.skipped);
        report.notes += 1;
        options.onProgress?.({ done: report.notes, total });
      }
      report.attachments = writer.attachmentCount;
      return report;
    });
    throwIfCancelled(options.signal);
    moveFolderIntoPlace(staging, target);
    return report;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

async function exportJson(
  db: Database.Database,
  target: string,
  options: ExportOptions,
  clock: () => number,
): Promise<ExportReport> {
  const partial = atomicPartialPath(target);
  let fd: number;
  try {
    fd = fs.openSync(partial, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    throw toNoteVaultError(error, 'write', partial);
  }
  let report: ExportReport;
  try {
    try {
      report = readInOneMoment(db, (source) => {
        const history = options.history === true;
        const writer = new JsonExportWriter(fd, partial, history, clock);
        const report = emptyReport(options, target);
        const total = source.count(true);
        for (const note of source.notes({ includeTrashed: true, history })) {
          throwIfCancelled(options.signal);
          writer.write(note);
          report.notes += 1;
          if (note.trashedAt !== null) report.trashed += 1;
          report.versions += note.versions.length;
          options.onProgress?.({ done: report.notes, total });
        }
        writer.finish(source, report.skipped, options.signal, () => throwIfCancelled(options.signal));
        report.attachments = writer.attachmentCount;
        return report;
      });
    } finally {
      fs.closeSync(fd);
    }
    throwIfCancelled(options.signal);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  await publishFile(partial, target, { overwrite: options.overwrite === true });
  const size = fs.statSync(target).size;
  if (size > IMPORT_LIMITS.maxJsonBytes) {
    report.warnings.push({
      item: path.basename(target),
      reason: `it is ${formatBytes(size)}, and NoteVault imports a JSON file of at most ${formatBytes(IMPORT_LIMITS.maxJsonBytes)}; keep it as a record, and use a backup (or a Markdown export) to move these notes`,
    });
  }
  return report;
}

/** One read transaction: every page sees the same moment, even while the app saves a note. */
function readInOneMoment<T>(db: Database.Database, read: (source: ExportSource) => T): T {
  try {
    return db.transaction(() => read(new ExportSource(db)))();
  } catch (error) {
    throw error instanceof NoteVaultError ? error : toDatabaseError(error, db.name);
  }
}

function checkDestination(target: string, options: ExportOptions): void {
  let stats: fs.Stats | undefined;
  try {
    stats = fs.lstatSync(target, { throwIfNoEntry: false });
  } catch (error) {
    throw toNoteVaultError(error, 'export to', target);
  }
  if (stats === undefined) return;
  if (stats.isSymbolicLink()) {
    throw new NoteVaultError(
      'VALIDATION',
      `Did not export to "${target}": it is a symbolic link, which export never writes through. Choose another name.`,
    );
  }
  if (options.format === 'markdown') {
    if (!stats.isDirectory())
      throw new NoteVaultError(
        'VALIDATION',
        `Did not export to "${target}": a file with that name exists. Choose a new folder name.`,
      );
    if (fs.readdirSync(target).length > 0)
      throw new NoteVaultError(
        'VALIDATION',
        `Did not export to "${target}": the folder is not empty. Choose a new or empty folder.`,
      );
    return;
  }
  if (stats.isDirectory())
    throw new NoteVaultError(
      'VALIDATION',
      `Did not export to "${target}": it is a folder. Name the file to write, such as notes.json.`,
    );
  if (options.overwrite !== true)
    throw new NoteVaultError(
      'VALIDATION',
      `Did not export to "${target}": the file exists and export does not replace it. Choose a new name, or add --force.`,
    );
}

function moveFolderIntoPlace(staging: string, target: string): void {
  try {
    // An empty folder chosen as the destination makes way; a non-empty one was refused.
    if (fs.lstatSync(target, { throwIfNoEntry: false })?.isDirectory() === true) fs.rmdirSync(target);
    fs.renameSync(staging, target);
  } catch (error) {
    throw toNoteVaultError(error, 'export to', target);
  }
}

function emptyReport(options: ExportOptions, destination: string): ExportReport {
  return {
    format: options.format,
    destination,
    notes: 0,
    trashed: 0,
    attachments: 0,
    versions: 0,
    skipped: [],
    warnings: [],
  };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true)
    throw new NoteVaultError('CANCELLED', 'The export was cancelled; nothing was written.');
}

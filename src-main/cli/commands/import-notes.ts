import * as fs from 'node:fs';
import * as path from 'node:path';
import { NoteVaultError } from '../../../src-shared/errors';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import { NotesRepository } from '../../db/notes-repository';
import { formatCount } from '../../../src-shared/format';
import { toNoteVaultError } from '../../fsx/fs-errors';
import type { CliCommand } from '../cli-types';
import { positional, requiredString } from '../command-input';
import { findMarkdownFiles } from './find-markdown-files';
import type { SkippedFile } from './find-markdown-files';
import { withNotesDatabase } from './notes-database';
import { readNoteFile } from './read-note-file';

export interface ImportReport {
  folder: string;
  db: string;
  imported: number;
  skipped: SkippedFile[];
  /** Files imported with a change a person should know about (a shortened title). */
  warnings: { file: string; message: string }[];
}

/**
 * Imports every `.md` file below `folder` into the database at `dbPath` (created if
 * missing). All notes go in one transaction: files that cannot become notes are skipped
 * and reported, but any other failure (disk full, database locked) rolls the whole import
 * back, so a retry never duplicates the notes of a half-finished run.
 */
export function importNotes(folder: string, dbPath: string): ImportReport {
  const root = path.resolve(folder);
  const db = path.resolve(dbPath);
  assertFolder(root);
  const scan = findMarkdownFiles(root);

  return withNotesDatabase(db, (connection) => {
    const repository = new NotesRepository(connection);
    const report: ImportReport = { folder: root, db, imported: 0, skipped: [...scan.skipped], warnings: [] };
    connection.transaction(() => {
      for (const file of scan.files) {
        const result = readNoteFile(file);
        if (result.kind === 'skipped') {
          report.skipped.push({ file: file.relativePath, reason: result.reason });
          continue;
        }
        try {
          repository.create(result.note);
        } catch (error) {
          // The repository refuses text it cannot store (e.g. the control characters it
          // reserves for search highlights); that is about this file, not the import.
          if (error instanceof NoteVaultError && error.code === 'VALIDATION') {
            report.skipped.push({ file: file.relativePath, reason: error.message });
            continue;
          }
          throw error;
        }
        report.imported += 1;
        if (result.warning !== null)
          report.warnings.push({ file: file.relativePath, message: result.warning });
      }
    })();
    return report;
  });
}

function assertFolder(folder: string): void {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(folder);
  } catch (error) {
    throw toNoteVaultError(error, 'import from', folder);
  }
  if (!stats.isDirectory()) {
    throw new NoteVaultError(
      'IO',
      `Could not import from "${folder}": it is a file, not a folder of Markdown files.`,
    );
  }
}

export function formatImportReport(report: ImportReport): string {
  const lines = [`Imported ${formatCount(report.imported, 'note')} from ${report.folder} into ${report.db}.`];
  if (report.skipped.length > 0) {
    lines.push(`Skipped ${formatCount(report.skipped.length, 'file')}:`);
    for (const { file, reason } of report.skipped) lines.push(`  ${file}: ${reason}`);
  }
  if (report.warnings.length > 0) {
    lines.push('Imported with changes:');
    for (const { file, message } of report.warnings) lines.push(`  ${file}: ${message}`);
  }
  return lines.join('\n');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a folder of Markdown files as notes',
  positionals: [
    { name: 'folder', description: 'folder whose .md files (including subfolders) become notes' },
  ],
  options: {
    db: {
      type: 'string',
      valueName: '<path>',
      required: true,
      description: 'notes database to import into; created (with its folder) if missing',
    },
  },
  details: [
    'Each .md file becomes one note. The title is taken from a "# Title" line (or a "title:" front matter block) at the top of the file; that line and one blank line after it are not part of the body. Otherwise the body is the whole file, and the title is the first "# " heading in it, or else the file name without .md. This is exactly what "notevault export" writes, so an export imports back to the same titles and bodies.',
    "Text is kept byte for byte, including Windows (CRLF) line endings; a UTF-8 byte order mark is dropped. The created time comes from the file's creation time where the system records one, the updated time from its modification time.",
    `Skipped, and listed in the report: files that are not valid UTF-8, larger than ${NOTE_LIMITS.bodyMaxBytes / 1024 / 1024} MiB, unreadable, hidden (name starting with "."), or symbolic links (never followed). Hidden folders such as .git and .obsidian are not searched. Skipped files do not make the import fail. A title longer than ${NOTE_LIMITS.titleMaxChars} characters is shortened; the note keeps the full text.`,
    'The import is all or nothing: if it fails part way (disk full, database locked), no note from this run is kept. Importing the same folder twice imports its notes twice.',
  ],
  run(input) {
    const report = importNotes(positional(input, 'folder'), requiredString(input, 'db'));
    return Promise.resolve({
      data: { ...report },
      text: formatImportReport(report),
    });
  },
};

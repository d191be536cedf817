import * as fs from 'node:fs';
import * as path from 'node:path';
import { NoteVaultError } from '../../../src-shared/errors';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import type { Note } from '../../../src-shared/notes';
import { NotesRepository } from '../../db/notes-repository';
import { formatCount } from '../../../src-shared/format';
import { errorCode, toNoteVaultError } from '../../fsx/fs-errors';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../fsx/private-modes';
import type { CliCommand } from '../cli-types';
import { flag, requiredString } from '../command-input';
import { noteToMarkdown } from '../markdown-note';
import { FileNameAllocator } from '../safe-file-name';
import { withNotesDatabase } from './notes-database';

export interface ExportReport {
  db: string;
  folder: string;
  exported: number;
}

/**
 * Writes every live note (not the trash) to `folder` as one `.md` file, named after its
 * title (made safe for every system) and dated with the note's updatedAt. Files already in
 * the folder are never overwritten; if the export fails part way, the files it wrote (and
 * a folder it created) are removed again, so a retry starts from the same state.
 */
export function exportNotes(dbPath: string, folder: string, options: { force: boolean }): ExportReport {
  const db = path.resolve(dbPath);
  const target = path.resolve(folder);
  assertDatabaseExists(db);
  const prepared = prepareFolder(target, options.force);
  const written: string[] = [];
  try {
    withNotesDatabase(db, (connection) => {
      const repository = new NotesRepository(connection);
      const names = new FileNameAllocator(prepared.existingNames);
      // One read transaction: the pages below all see the same moment, even if the app
      // saves a note meanwhile, so no note is written twice or missed.
      connection.transaction(() => {
        for (let offset = 0; ;) {
          const page = repository.list({
            trashed: false,
            sort: 'createdAt',
            direction: 'asc',
            limit: NOTE_LIMITS.pageMaxSize,
            offset,
          });
          for (const note of page.items) writeNoteFile(target, note, names, written);
          offset += page.items.length;
          if (page.items.length === 0 || offset >= page.total) break;
        }
      })();
    });
  } catch (error) {
    undoExport(written, target, prepared.firstCreatedFolder);
    throw error;
  }
  return { db, folder: target, exported: written.length };
}

function assertDatabaseExists(db: string): void {
  // Opening would create an empty database, and a mistyped --db would then "export" nothing.
  if (!fs.existsSync(db)) {
    throw new NoteVaultError('IO', `There is no notes database at "${db}". Check the --db path.`);
  }
}

interface PreparedFolder {
  existingNames: string[];
  /** The top-most folder this export created, to remove again if it fails. */
  firstCreatedFolder: string | undefined;
}

function prepareFolder(folder: string, force: boolean): PreparedFolder {
  let existingNames: string[];
  try {
    if (!fs.existsSync(folder)) {
      const firstCreatedFolder = fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
      return { existingNames: [], firstCreatedFolder };
    }
    if (!fs.statSync(folder).isDirectory()) {
      throw new NoteVaultError('IO', `Could not export into "${folder}": it is a file, not a folder.`);
    }
    existingNames = fs.readdirSync(folder);
  } catch (error) {
    throw toNoteVaultError(error, 'export into', folder);
  }
  if (existingNames.length > 0 && !force) {
    throw new NoteVaultError(
      'VALIDATION',
      `"${folder}" is not empty. Export into a new or empty folder, or add --force to write the notes ` +
        'next to the files already there (existing files are never overwritten).',
    );
  }
  return { existingNames, firstCreatedFolder: undefined };
}

function writeNoteFile(folder: string, note: Note, names: FileNameAllocator, written: string[]): void {
  const content = noteToMarkdown(note);
  for (;;) {
    const file = path.join(folder, names.allocate(note.title));
    try {
      // 'wx' fails instead of replacing a file that appeared since the folder was listed.
      // Plain-text notes: readable by the user alone (fsx/private-modes.ts).
      fs.writeFileSync(file, content, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    } catch (error) {
      if (errorCode(error) === 'EEXIST') continue;
      // Past the exclusive create, a partial file is ours to clean up.
      written.push(file);
      throw toNoteVaultError(error, 'write', file);
    }
    written.push(file);
    // Seconds as a fraction keep the milliseconds; import rounds them back.
    const updated = note.updatedAt / 1000;
    try {
      fs.utimesSync(file, updated, updated);
    } catch (error) {
      throw toNoteVaultError(error, 'set the modification time of', file);
    }
    return;
  }
}

function undoExport(
  written: readonly string[],
  folder: string,
  firstCreatedFolder: string | undefined,
): void {
  for (const file of written) {
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // Best effort: the original error is the one to report.
    }
  }
  if (firstCreatedFolder === undefined) return;
  // rmdir (not recursive rm) so a folder holding anything we did not write survives.
  for (let current = folder; ; current = path.dirname(current)) {
    try {
      fs.rmdirSync(current);
    } catch {
      return;
    }
    if (current === firstCreatedFolder || path.dirname(current) === current) return;
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export all notes (not the trash) as Markdown files',
  positionals: [],
  options: {
    db: { type: 'string', valueName: '<path>', required: true, description: 'notes database to export from' },
    to: {
      type: 'string',
      valueName: '<folder>',
      required: true,
      description: 'folder to write the .md files to; created if missing, must be empty unless --force',
    },
    force: {
      type: 'boolean',
      description:
        'also export into a folder that has files in it; existing files are still never overwritten',
    },
  },
  details: [
    'Each note becomes one .md file: the title as a "# Title" line (or a "title:" front matter block when a heading cannot hold it exactly, such as an empty title or one with leading spaces), a blank line, then the body exactly as stored. "notevault import" reads this back to the same titles and bodies. Pinned state and trashed notes are not exported.',
    'File names come from titles, made safe for Windows, macOS and Linux: characters such as < > : " / \\ | ? * are replaced by _, names like CON or NUL get a _ added, long names are shortened, and titles that differ only in case get " (2)", " (3)" added, because Windows and macOS treat Note.md and note.md as the same file. Each file\'s modification time is set to the note\'s last update.',
    'If the export fails part way, the files it wrote are removed again.',
  ],
  run(input) {
    const report = exportNotes(requiredString(input, 'db'), requiredString(input, 'to'), {
      force: flag(input, 'force'),
    });
    return Promise.resolve({
      data: { ...report },
      text: `Exported ${formatCount(report.exported, 'note')} from ${report.db} to ${report.folder}.`,
    });
  },
};

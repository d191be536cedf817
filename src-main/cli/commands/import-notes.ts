import * as path from 'node:path';
import { formatCount } from '../../../src-shared/format';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import { detectSource } from '../../import/detect-source';
import { ATTACHMENT_LIMITS } from '../../../src-shared/attachments';
import { IMPORT_LIMITS } from '../../import/import-limits';
import { IMPORT_FORMATS } from '../../import/imported-note';
import type { ImportFormat, ImportProgress, ImportReport } from '../../import/imported-note';
import { runImport } from '../../import/run-import';
import type { CliCommand, CliIo, CommandInput } from '../cli-types';
import { positional, requiredString } from '../command-input';
import { statusLine } from '../progress-line';
import { UsageError } from '../usage-error';
import { withNotesDatabaseAsync } from './notes-database';

export interface CliImportReport extends ImportReport {
  db: string;
}

const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  markdown: 'Markdown',
  enex: 'Evernote',
  simplenote: 'Simplenote',
  standardnotes: 'Standard Notes',
  notevault: 'NoteVault JSON export',
};

/**
 * Imports `source` into the database at `dbPath` (created if missing) with the one import
 * implementation (src-main/import/run-import.ts), which the app uses too. The source is looked
 * at before the database is opened, so a mistyped path creates no database.
 */
export async function importNotes(
  source: string,
  dbPath: string,
  options: {
    from?: ImportFormat;
    onProgress?: (progress: ImportProgress) => void;
    signal?: AbortSignal;
  } = {},
): Promise<CliImportReport> {
  const absolute = path.resolve(source);
  const db = path.resolve(dbPath);
  const format = options.from ?? (await detectSource(absolute));
  const report = await withNotesDatabaseAsync(db, (connection) =>
    runImport(absolute, connection, { ...options, from: format }),
  );
  return { ...report, db };
}

export function formatImportReport(report: CliImportReport): string {
  const extras = [
    report.tags > 0 ? formatCount(report.tags, 'tag') : null,
    report.attachments > 0 ? formatCount(report.attachments, 'attachment') : null,
  ].filter((part) => part !== null);
  const lines = [
    `Imported ${formatCount(report.imported, 'note')}${extras.length > 0 ? ` (${extras.join(', ')})` : ''} ` +
      `from ${report.source} (${FORMAT_NAMES[report.format]}) into ${report.db}.`,
  ];
  if (report.skipped.length > 0) {
    lines.push(`Skipped ${formatCount(report.skipped.length, 'item')}:`);
    for (const { item, reason } of report.skipped) lines.push(`  ${item}: ${reason}`);
  }
  if (report.warnings.length > 0) {
    lines.push('Imported with changes:');
    for (const { item, reason } of report.warnings) lines.push(`  ${item}: ${reason}`);
  }
  return lines.join('\n');
}

function describeImportProgress(progress: ImportProgress): string {
  const notes = formatCount(progress.imported, 'note');
  if (progress.total <= 0) return `Importing: ${notes}`;
  const percent = Math.min(100, Math.floor((progress.done / progress.total) * 100));
  return `Importing: ${percent}% (${notes})`;
}

function formatOption(input: CommandInput): ImportFormat | undefined {
  const value = input.options.from;
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (IMPORT_FORMATS as readonly string[]).includes(value))
    return value as ImportFormat;
  throw new UsageError(
    `--from must be one of ${IMPORT_FORMATS.join(', ')} (got ${JSON.stringify(value)})`,
    'import',
  );
}

async function run(input: CommandInput, io: CliIo): Promise<{ data: Record<string, unknown>; text: string }> {
  const from = formatOption(input);
  const line = statusLine(io);
  const controller = new AbortController();
  // Ctrl+C stops the import; the notes its batches already wrote are deleted again (run-import.ts).
  const unsubscribe = io.onInterrupt?.(() => controller.abort());
  let lastDraw = 0;
  try {
    const report = await importNotes(positional(input, 'path'), requiredString(input, 'db'), {
      ...(from === undefined ? {} : { from }),
      signal: controller.signal,
      onProgress:
        line.draw === undefined
          ? undefined
          : (progress) => {
              // A few redraws a second: a 100,000-note import must not spend its time on the terminal.
              const now = Date.now();
              if (now - lastDraw < 100) return;
              lastDraw = now;
              line.draw?.(describeImportProgress(progress));
            },
    });
    return { data: { ...report }, text: formatImportReport(report) };
  } finally {
    line.clear();
    unsubscribe?.();
  }
}

const MIB = 1024 * 1024;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import notes from Markdown, Evernote, Simplenote or Standard Notes',
  positionals: [
    {
      name: 'path',
      description:
        'a folder of Markdown files (Obsidian vault, Bear TextBundles) or one .md file, an Evernote .enex file, a Simplenote export (notes.json) or a decrypted Standard Notes backup',
    },
  ],
  options: {
    db: {
      type: 'string',
      valueName: '<path>',
      required: true,
      description: 'notes database to import into; created (with its folder) if missing',
    },
    from: {
      type: 'string',
      valueName: '<format>',
      description: `read <path> as this format instead of detecting it: ${IMPORT_FORMATS.join(', ')}`,
    },
  },
  details: [
    'The format is detected from the content: a folder (or .md file, or .textbundle) is Markdown; a file whose XML root is <en-export> is Evernote; JSON with "activeNotes" is Simplenote; JSON with "items" is Standard Notes; JSON starting with "format": "notevault-export" is NoteVault\'s own export (see "notevault export"), read back with the trash, tags, pinned, dates, attachments and kept versions. Anything else is refused with the formats NoteVault reads.',
    'Markdown: each .md file (and each Bear/TextBundle .textbundle) becomes one note. The title is taken from a "# Title" line (or a "title:" front matter block) at the top of the file; that line and one blank line after it are not part of the body. Otherwise the body is the whole file, and the title is the first "# " heading in it, or else the file name. A "tags:" list in YAML front matter becomes tags. Images and files the note refers to (![alt](img/a.png), [report](files/r.pdf), Obsidian\'s ![[a.png]] and ![[a.png|300]]) are stored in the database as attachments; a missing one is reported and the note imported without it. Text is kept byte for byte; dates come from the file times. A folder written by "notevault export --format markdown" comes back with its tags, pinned and dates, read from the front matter block that holds the title.',
    'Evernote (.enex): titles, tags, created and updated dates, and the content converted to Markdown: headings, emphasis, lists, checkboxes as "- [ ]" and "- [x]", tables, links, code blocks; images and files become attachments. Simplenote: the first line is the title; tags, pinned and dates are kept. Standard Notes: notes with their tags (nested tags as "parent/child"), pinned and dates. Trashed notes are listed as skipped, not imported.',
    `Skipped, and listed with the reason: files that are not valid UTF-8, notes over ${NOTE_LIMITS.bodyMaxBytes / MIB} MiB, empty notes, encrypted Standard Notes items, hidden files, and symbolic links (never followed; nothing outside the chosen folder is read). An attachment over ${ATTACHMENT_LIMITS.maxBytes / MIB} MiB is left out and reported; its note is still imported. A source of more than ${IMPORT_LIMITS.maxNotes.toLocaleString('en')} notes is refused.`,
    "The import is one step, all or nothing: if it fails part way or is cancelled (Ctrl+C), no note from this run is kept (it writes in short batches, so the app can keep saving meanwhile, and deletes again what it had written; --json's error details say how many). A crash part way can leave notes of it, each whole with its attachments and tags. It only adds notes and never changes one you have; the --json report lists the new notes' ids (noteIds). Importing the same source twice imports its notes twice.",
  ],
  run,
};

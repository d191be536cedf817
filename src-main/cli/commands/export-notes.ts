import * as fs from 'node:fs';
import * as path from 'node:path';
import { NoteVaultError } from '../../../src-shared/errors';
import { formatCount } from '../../../src-shared/format';
import { EXPORT_FORMATS } from '../../export/export-types';
import type { ExportFormat, ExportOptions, ExportReport } from '../../export/export-types';
import { runExport } from '../../export/run-export';
import type { CliCommand, CliIo, CommandInput, CommandOutcome } from '../cli-types';
import { flag, positional, requiredString } from '../command-input';
import { statusLine } from '../progress-line';
import { UsageError } from '../usage-error';
import { withNotesDatabaseAsync } from './notes-database';

export interface CliExportReport extends ExportReport {
  db: string;
}

/**
 * Exports the database at `dbPath` with the one export implementation (src-main/export), which
 * the app's worker runs too. A missing database is refused rather than created: a mistyped
 * --db would otherwise "export" nothing.
 */
export async function exportNotes(
  dbPath: string,
  destination: string,
  options: ExportOptions,
): Promise<CliExportReport> {
  const db = path.resolve(dbPath);
  if (!fs.existsSync(db)) {
    throw new NoteVaultError('IO', `There is no notes database at "${db}". Check the --db path.`);
  }
  const report = await withNotesDatabaseAsync(db, (connection) =>
    runExport(connection, destination, options),
  );
  return { ...report, db };
}

export function formatExportReport(report: CliExportReport): string {
  const parts = [
    report.attachments > 0 ? formatCount(report.attachments, 'attachment') : null,
    report.trashed > 0 ? `${report.trashed} in the trash` : null,
    report.versions > 0 ? formatCount(report.versions, 'kept version') : null,
  ].filter((part) => part !== null);
  const lines = [
    `Exported ${formatCount(report.notes, 'note')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''} ` +
      `from ${report.db} to ${report.destination} (${report.format === 'json' ? 'NoteVault JSON' : 'Markdown'}).`,
  ];
  if (report.skipped.length > 0) {
    lines.push(`Left out ${formatCount(report.skipped.length, 'item')}:`);
    for (const { item, reason } of report.skipped) lines.push(`  ${item}: ${reason}`);
  }
  for (const { item, reason } of report.warnings) lines.push(`Note: ${item}: ${reason}.`);
  return lines.join('\n');
}

function formatOption(input: CommandInput): ExportFormat {
  const value = input.options.format;
  if (typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value))
    return value as ExportFormat;
  throw new UsageError(
    `--format must be one of ${EXPORT_FORMATS.join(', ')} (got ${JSON.stringify(value)})`,
    'export',
  );
}

async function run(input: CommandInput, io: CliIo): Promise<CommandOutcome> {
  const format = formatOption(input);
  const history = flag(input, 'history');
  if (history && format !== 'json')
    throw new UsageError('--history goes with --format json (Markdown keeps no history)', 'export');
  const force = flag(input, 'force');
  if (force && format !== 'json')
    throw new UsageError(
      '--force goes with --format json (a Markdown export needs a new or empty folder)',
      'export',
    );
  const line = statusLine(io);
  const controller = new AbortController();
  // Ctrl+C stops the export; what it wrote so far is removed, the destination untouched.
  const unsubscribe = io.onInterrupt?.(() => controller.abort());
  let lastDraw = 0;
  try {
    const report = await exportNotes(requiredString(input, 'db'), positional(input, 'path'), {
      format,
      history,
      overwrite: force,
      signal: controller.signal,
      onProgress:
        line.draw === undefined
          ? undefined
          : ({ done, total }) => {
              const now = Date.now();
              if (now - lastDraw < 100) return;
              lastDraw = now;
              line.draw?.(`Exporting: ${done} of ${formatCount(total, 'note')}`);
            },
    });
    return { data: { ...report }, text: formatExportReport(report) };
  } finally {
    line.clear();
    unsubscribe?.();
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export notes as Markdown with attachments, or as one JSON file',
  positionals: [
    {
      name: 'path',
      description: 'Markdown: a new (or empty) folder to create; JSON: the file to write, such as notes.json',
    },
  ],
  options: {
    db: { type: 'string', valueName: '<path>', required: true, description: 'notes database to export from' },
    format: {
      type: 'string',
      valueName: '<format>',
      required: true,
      description: `${EXPORT_FORMATS.join(' or ')}`,
    },
    history: { type: 'boolean', description: "JSON only: also export each note's kept versions" },
    force: { type: 'boolean', description: 'JSON only: replace an existing file at <path>' },
  },
  details: [
    'Markdown (--format markdown): every note not in the trash becomes one .md file in a new folder. The file starts with a front matter block holding the title, its tags, whether it is pinned and its created and updated dates (title: "…", tags: […], pinned: true, created: "…", updated: "…"), then a blank line, then the body exactly as stored; each file\'s modification time is the note\'s last update. Attachments are written once each into an attachments/ folder beside the notes, and the notes link to them with standard Markdown (![photo](attachments/photo.png), [report.pdf](attachments/report.pdf)). "notevault import" reads such a folder back with its titles, bodies, tags, pinned, dates and attachments.',
    'File names come from titles, made safe for Windows, macOS and Linux: characters such as < > : " / \\ | ? * are replaced by _, names like CON or NUL get a _ added, long names are shortened, and titles that differ only in case get " (2)", " (3)" added, because Windows and macOS treat Note.md and note.md as the same file.',
    'JSON (--format json): one file that "notevault import" reads back with nothing lost: every note, the trash included, with its title, body, tags, pinned, created, updated and trashed dates, and every attachment it names (base64, with its name and media type); with --history, each note\'s kept versions too. Imported notes get new ids: an import only adds, so importing into the vault the export came from makes copies.',
    'The export is written to a temporary name beside <path> and renamed into place when complete, readable by you alone; if it fails or is cancelled (Ctrl+C), nothing is left at <path>. An existing file or non-empty folder at <path> is never replaced (JSON: unless --force), and a symbolic link at <path> is refused.',
  ],
  run,
};

import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { TRANSFER_LIST_MAX } from '../../src-shared/ipc/contract-transfer';
import type { ExportDone, ImportDone } from '../../src-shared/ipc/contract-transfer';
import type { JobProgress } from '../backup/progress';
import type { ExportFormat } from '../export/export-types';
import type { ImportFormat } from '../import/imported-note';
import { undoImport } from '../import/undo-import';
import type { IpcEventSink } from '../ipc/event-sink';
import type { JobGate } from './job-gate';
import type { NotesDatabaseHolder } from './notes-database-holder';
import type { TransferDialogs } from './transfer-dialogs';

export interface TransferJobsOptions {
  holder: NotesDatabaseHolder;
  /** The app's one door to the job worker: no import while a backup or restore runs, and back. */
  jobs: JobGate;
  dialogs: TransferDialogs;
  events: IpcEventSink;
  /** better-sqlite3 for Electron, handed to the worker; undefined under Node. */
  nativeBinding?: string | undefined;
  /** For the export's suggested name; default Date.now. */
  now?: (() => number) | undefined;
}

const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  markdown: 'Markdown',
  enex: 'Evernote',
  simplenote: 'Simplenote',
  standardnotes: 'Standard Notes',
  notevault: 'NoteVault export',
};

/**
 * Import and export from the window (transfer:*): main asks for the source or destination in
 * its own dialog, runs the one import or export implementation in the job worker with
 * progress and cancel, and tells the window what happened. An import is one undoable step:
 * it only adds notes (src-main/import/run-import.ts), so "Undo import" moves exactly those
 * to the trash (undo-import.ts), named by a token the window got, never by a list it sends.
 */
export class TransferJobs {
  private running: AbortController | undefined;
  private lastImport: { token: string; noteIds: string[] } | undefined;

  constructor(private readonly options: TransferJobsOptions) {}

  async importNotes({ source }: { source: 'folder' | 'file' }): Promise<ImportDone | null> {
    this.assertIdle('import');
    const path = await this.options.dialogs.chooseImportSource(source);
    if (path === null) return null;
    const report = await this.track((controls) =>
      this.options.jobs.run(
        {
          kind: 'import',
          request: {
            source: path,
            databasePath: this.options.holder.databasePath,
            nativeBinding: this.options.nativeBinding,
          },
        },
        controls,
      ),
    );
    const token = randomUUID();
    this.lastImport = { token, noteIds: report.noteIds };
    if (report.noteIds.length > 0)
      this.options.events('notes:didChange', { reason: 'created', ids: report.noteIds });
    return {
      token,
      formatName: FORMAT_NAMES[report.format],
      sourceName: basename(report.source),
      imported: report.imported,
      attachments: report.attachments,
      tags: report.tags,
      skipped: report.skipped.slice(0, TRANSFER_LIST_MAX),
      skippedTotal: report.skipped.length,
      warnings: report.warnings.slice(0, TRANSFER_LIST_MAX),
      warningsTotal: report.warnings.length,
    };
  }

  async exportNotes({
    format,
    history,
  }: {
    format: ExportFormat;
    history: boolean;
  }): Promise<ExportDone | null> {
    this.assertIdle('export');
    const day = new Date((this.options.now ?? Date.now)()).toISOString().slice(0, 10);
    const suggested = format === 'markdown' ? `NoteVault notes ${day}` : `NoteVault notes ${day}.json`;
    const path = await this.options.dialogs.chooseExportDestination(format, suggested);
    if (path === null) return null;
    const report = await this.track((controls) =>
      this.options.jobs.run(
        {
          kind: 'export',
          request: {
            destination: path,
            databasePath: this.options.holder.databasePath,
            format,
            history: format === 'json' && history,
            // The save dialog itself asked before replacing a file.
            overwrite: format === 'json',
            nativeBinding: this.options.nativeBinding,
          },
        },
        controls,
      ),
    );
    return {
      format,
      name: basename(report.destination),
      folder: dirname(report.destination),
      notes: report.notes,
      trashed: report.trashed,
      attachments: report.attachments,
      versions: report.versions,
      skipped: report.skipped.slice(0, TRANSFER_LIST_MAX),
      skippedTotal: report.skipped.length,
      warnings: report.warnings,
    };
  }

  /** Asks the running import or export to stop; false when none runs. */
  cancel(): boolean {
    if (this.running === undefined) return false;
    this.running.abort();
    return true;
  }

  /** Moves the notes of the import named by `token` to the trash; how many it moved. */
  undoImport({ token }: { token: string }): number {
    const last = this.lastImport;
    if (last === undefined || last.token !== token) {
      throw new NoteVaultError(
        'NOT_FOUND',
        'This import can no longer be undone here (another import came after it, or NoteVault restarted). Its notes are in your list; delete the ones you do not want.',
      );
    }
    const moved = undoImport(this.options.holder.connection(), last.noteIds);
    this.lastImport = undefined;
    this.options.events('notes:didChange', { reason: 'trashed', ids: last.noteIds });
    return moved;
  }

  private assertIdle(what: 'import' | 'export'): void {
    if (this.running !== undefined || this.options.jobs.isBusy()) {
      throw new NoteVaultError(
        'BUSY',
        `Cannot start the ${what}: a backup, restore, import or export is still running. Wait for it to finish, then try again.`,
      );
    }
  }

  private async track<T>(
    start: (controls: { signal: AbortSignal; onProgress: (progress: JobProgress) => void }) => Promise<T>,
  ): Promise<T> {
    const abort = new AbortController();
    this.running = abort;
    try {
      return await start({
        signal: abort.signal,
        onProgress: (progress) => this.options.events('transfer:didProgress', { ...progress }),
      });
    } finally {
      this.running = undefined;
    }
  }
}

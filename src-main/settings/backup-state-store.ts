/**
 * backup-state.json in userData: the record of backup runs, kept apart from settings.json.
 *
 * Decision: a separate file, because the two differ in every way that matters. Settings are the
 * person's choices, changed rarely and worth a damaged-file warning; the run record is machine
 * data written after every backup (hourly, perhaps while the person edits a setting), and if it
 * is lost the only consequence is one catch-up backup. So a damaged state file is logged and
 * started afresh, and writing it can never race with, or damage, the settings.
 *
 * A run is recorded in memory first and written afterwards: the scheduler must know about a
 * success even when the state cannot be saved (a full system drive), or it would run again and again.
 */
import { z } from 'zod';
import { boundDetails } from '../../src-shared/errors';
import type { BackupRunRecord, BackupStatus } from '../../src-shared/settings';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { underlyingCode } from '../fsx/fs-errors';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { retryingFs } from '../fsx/retry';
import { Listeners } from '../schedule/listeners';

export const BACKUP_STATE_FILE = 'backup-state.json';
/** Enough for the health checks and to protect the newest verified backup in retention. */
export const RECENT_SUCCESSES_KEPT = 50;

const time = z.number().int().nonnegative();
const runRecord = z.object({
  kind: z.enum(['manual', 'scheduled']),
  startedAt: time,
  finishedAt: time,
  ok: z.boolean(),
  file: z.string().min(1).nullable(),
  noteCount: z.number().int().nonnegative().nullable(),
  message: z.string().nullable(),
  // Optional: histories written before details were kept have none. Cut, never refused, so one
  // oversized entry cannot cost the whole history.
  details: z.string().optional().transform(boundDetails),
  remedy: z.literal('settings').optional(),
});
const stateFile = z.object({
  version: z.literal(1),
  lastRun: runRecord.nullable(),
  lastSuccess: runRecord.nullable(),
  recentSuccesses: z.array(runRecord).max(1000),
});

export function emptyBackupStatus(): BackupStatus {
  return { lastRun: null, lastSuccess: null, recentSuccesses: [] };
}

export interface BackupStateStoreOptions extends FileLayerOptions {
  log?: (message: string) => void;
}

export async function loadBackupStatus(file: string, options: BackupStateStoreOptions = {}) {
  const log = options.log ?? ((message: string) => console.warn(message));
  const fs = options.fs ?? nodeFileSystem;
  let text: string;
  try {
    const handle = await retryingFs(fs, options.retry).open(file, 'r');
    try {
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (underlyingCode(error) !== 'ENOENT')
      log(`Could not read the backup history "${file}": ${String(error)}`);
    return emptyBackupStatus();
  }
  try {
    const { lastRun, lastSuccess, recentSuccesses } = stateFile.parse(JSON.parse(text));
    return { lastRun, lastSuccess, recentSuccesses: recentSuccesses.slice(0, RECENT_SUCCESSES_KEPT) };
  } catch {
    log(`Ignored the damaged backup history "${file}"; the next backup starts it afresh.`);
    return emptyBackupStatus();
  }
}

export class BackupStateStore {
  private writing: Promise<void> | undefined;
  private dirty = false;
  private readonly changes = new Listeners<BackupStatus>();

  private constructor(
    private readonly file: string,
    private status: BackupStatus,
    private readonly options: BackupStateStoreOptions,
  ) {}

  static async open(file: string, options: BackupStateStoreOptions = {}): Promise<BackupStateStore> {
    return new BackupStateStore(file, await loadBackupStatus(file, options), options);
  }

  get(): BackupStatus {
    return this.status;
  }

  /** When the newest successful backup (manual or scheduled) started, or null if there was none. */
  lastSuccessAt(): number | null {
    return this.status.lastSuccess?.startedAt ?? null;
  }

  /** The files of recent successful backups; each was verified before it counted as a success. */
  verifiedFiles(): ReadonlySet<string> {
    return new Set(this.status.recentSuccesses.flatMap((run) => (run.file === null ? [] : [run.file])));
  }

  /** Records a finished run, notifies listeners, and resolves once it is saved (or logged as not). */
  record(run: BackupRunRecord): Promise<void> {
    const previous = this.status;
    const newer = (a: BackupRunRecord | null) => (a === null || run.startedAt >= a.startedAt ? run : a);
    this.status = {
      lastRun: newer(previous.lastRun),
      lastSuccess: run.ok ? newer(previous.lastSuccess) : previous.lastSuccess,
      recentSuccesses: run.ok
        ? [run, ...previous.recentSuccesses]
            .sort((a, b) => b.startedAt - a.startedAt)
            .slice(0, RECENT_SUCCESSES_KEPT)
        : previous.recentSuccesses,
    };
    this.changes.fire(this.status);
    this.dirty = true;
    this.writing ??= this.drain();
    return this.writing;
  }

  onDidChange(listener: (status: BackupStatus) => void): () => void {
    return this.changes.on(listener);
  }

  /** Resolves when the newest state has been written (or failed); for quitting. */
  async flush(): Promise<void> {
    await this.writing;
  }

  // One write at a time, always of the newest state: runs recorded during a write coalesce.
  private async drain(): Promise<void> {
    const log = this.options.log ?? ((message: string) => console.warn(message));
    while (this.dirty) {
      this.dirty = false;
      const content = { version: 1, ...this.status };
      try {
        await writeFileAtomic(this.file, `${JSON.stringify(content, null, 2)}\n`, {
          fs: this.options.fs,
          retry: this.options.retry,
        });
      } catch (error) {
        log(`Could not save the backup history to "${this.file}": ${String(error)}`);
      }
    }
    this.writing = undefined;
  }
}

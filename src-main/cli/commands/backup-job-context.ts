import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackupJob, BackupJobResult } from '../../backup/worker/job-protocol';
import { runBackupJob } from '../../backup/worker/run-backup-job';
import { cliTempRoot, ensurePrivateTempRoot } from '../../fsx/private-temp-root';
import { OWNERLESS_LEFTOVER_MIN_AGE_MS, startupSweep } from '../../backup/startup-sweep';
import type { CliIo } from '../cli-types';
import { progressLine } from '../progress-line';

/** What the backup commands need from their surroundings; tests point it at their own files. */
export interface BackupCommandContext {
  /** The built job worker. In the bundle it sits next to cli.js. */
  workerPath: string;
  /** Recorded in every backup's metadata. */
  appVersion: string;
  /**
   * Where plaintext snapshots live while a job runs: the CLI's private root (cliTempRoot), which
   * is created 0700 and checked before every job. Tests pass their own.
   */
  tempParent?: string;
}

/** The worker file next to the running CLI bundle (out/main/backup-job-worker.js). */
export function bundledWorkerPath(): string {
  return join(__dirname, 'backup-job-worker.js');
}

/** Runs one job in the worker, drawing progress on a terminal and passing Ctrl+C on as a cancel. */
export async function runJobFromCli<J extends BackupJob>(
  job: J,
  context: BackupCommandContext,
  io: CliIo,
): Promise<BackupJobResult<J>> {
  const line = progressLine(io);
  if (context.tempParent === cliTempRoot()) await ensurePrivateTempRoot(context.tempParent);
  const cancel = new AbortController();
  const unsubscribe = io.onInterrupt?.(() => cancel.abort());
  try {
    return await runBackupJob(job, {
      workerPath: context.workerPath,
      signal: cancel.signal,
      ...(line.onProgress === undefined ? {} : { onProgress: line.onProgress }),
    });
  } finally {
    unsubscribe?.();
    line.clear();
  }
}

/**
 * Cleans up what an earlier run left behind (plaintext snapshots after a crash, partial
 * backup files) before starting new work. Problems are reported but do not stop the
 * command: a leftover still locked by another program must not block a backup.
 */
export async function sweepBeforeJob(
  io: CliIo,
  folders: { databaseFolder: string; backupFolders: string[]; tempParent: string | undefined },
): Promise<void> {
  const tempParent = folders.tempParent ?? cliTempRoot();
  // The CLI's own root is checked on every use; a test's own folder is its business.
  if (tempParent === cliTempRoot()) await ensurePrivateTempRoot(tempParent);
  const report = await startupSweep({
    ...folders,
    tempParent,
    // Versions before the private root left their snapshots in the shared temp folder; only the
    // current user's are swept there. A test's own temp parent keeps the sweep to that folder.
    ...(tempParent === cliTempRoot() ? { legacyTempFolder: tmpdir() } : {}),
    minAgeMs: OWNERLESS_LEFTOVER_MIN_AGE_MS,
    // One command per process, and this runs before its job: nothing of this process is in use.
    atProcessStart: true,
  });
  for (const failure of report.failures) {
    io.stderr.write(`notevault: warning: ${failure.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  }
}

/**
 * What a backup, restore or check reports while it runs. Shared, so the worker's reports,
 * the IPC events and the progress bar name the same phases and a new phase cannot be
 * missing from one side.
 */
export type JobPhase =
  | 'checking-space'
  | 'deriving-key'
  | 'snapshot'
  | 'encrypting'
  | 'verifying'
  | 'decrypting'
  | 'validating'
  | 'safety-backup'
  | 'replacing'
  | 'finishing'
  // Import and export (src-main/import, src-main/export): units are the source's bytes or files, or notes.
  | 'importing'
  | 'exporting'
  // A passkey change (src-main/backup/rekey): units are backup files.
  | 'changing-passkey';

export interface JobProgressEvent {
  phase: JobPhase;
  bytesDone: number;
  bytesTotal: number;
}

/** The phases of a backup, in the order they run (docs/backup-pipeline.md, "Backup"). */
export const BACKUP_PHASES = [
  'checking-space',
  'deriving-key',
  'snapshot',
  'encrypting',
  'verifying',
  'finishing',
] as const satisfies readonly JobPhase[];

export type BackupPhase = (typeof BACKUP_PHASES)[number];

/** Expected seconds per backup phase: the weights of the one progress bar and the plan's estimate. */
export type BackupPhaseSeconds = Record<BackupPhase, number>;

/**
 * Throughput of this pipeline, measured with `node bench/run.mjs --sizes 10,100 --routes none`
 * (the built job worker; 2-core container, Node 20.20, load average 10, 2026-12-05):
 *   105.7 MB database: snapshot 2.45 s (43 MB/s), encrypting 0.78 s (135 MB/s), verifying 0.63 s
 *   (168 MB/s), finishing 0.21 s, checking-space 0.01 s, worker start about 0.5 s;
 *   11.1 MB database: snapshot 0.22 s (50 MB/s), encrypting 0.15 s (74 MB/s), verifying 0.08 s.
 * Rounded down a little, so the estimate errs long. Argon2id is not here: its seconds come from
 * the KDF's cost model (src-main/backup/format/opening-cost.ts), passed in by the caller.
 */
export const BACKUP_THROUGHPUT = {
  /** The worker starting and the space check: the same for any size. */
  startSeconds: 0.5,
  snapshotBytesPerSecond: 40e6,
  encryptBytesPerSecond: 100e6,
  verifyBytesPerSecond: 150e6,
  /** fsync of the file and its folder, then the link; 0.21 s at 100 MB. */
  finishSeconds: 0.3,
} as const;

/** What each phase of a backup of `databaseBytes` is expected to take, given Argon2id's seconds. */
export function backupPhaseSeconds(databaseBytes: number, keySeconds: number): BackupPhaseSeconds {
  const bytes = Math.max(0, databaseBytes);
  const t = BACKUP_THROUGHPUT;
  return {
    'checking-space': t.startSeconds,
    'deriving-key': Math.max(0, keySeconds),
    snapshot: bytes / t.snapshotBytesPerSecond,
    encrypting: bytes / t.encryptBytesPerSecond,
    verifying: bytes / t.verifyBytesPerSecond,
    finishing: t.finishSeconds,
  };
}

/** The whole backup in whole seconds, at least 1: what the dialog says before it starts. */
export function estimatedSeconds(phases: BackupPhaseSeconds): number {
  const total = BACKUP_PHASES.reduce((sum, phase) => sum + phases[phase], 0);
  return Math.max(1, Math.ceil(total));
}

/** Where one backup stands, carried from one progress report (or clock tick) to the next. */
export interface OverallProgress {
  /** Whole percent across all phases, 0-100; never goes back. */
  percent: number;
  /** Seconds left, extrapolated from the time so far; null until enough has passed to say. */
  secondsLeft: number | null;
}

export interface ProgressSample {
  /** The latest report, or null before the first. */
  event: JobProgressEvent | null;
  /** Milliseconds since the job started, and since `event.phase` was first reported. */
  elapsedMs: number;
  phaseElapsedMs: number;
}

/** A phase without byte counts (key derivation) fills by time, but never past this share of itself. */
const TIMED_PHASE_CAP = 0.9;
/** No time left is said before this much has passed and done: the first reports say little. */
const TIME_LEFT_AFTER_MS = 1500;
const TIME_LEFT_AFTER_FRACTION = 0.05;

/**
 * One monotonic 0-100 % across all of a backup's phases, each weighted by its expected share
 * of the time (`phases`, from the plan), and the time left once enough has passed. Inside a
 * phase the bytes reported count; a phase that reports none (deriving the key) fills by its
 * expected time, capped below its end. Pure: the caller keeps `previous` and the clock.
 * Issue #14: the bar used to show each phase on its own (0 % for 1.6 s, 87 %, then 56 %).
 */
export function overallBackupProgress(
  phases: BackupPhaseSeconds,
  sample: ProgressSample,
  previous: OverallProgress | null,
): OverallProgress {
  const total = BACKUP_PHASES.reduce((sum, phase) => sum + phases[phase], 0);
  // Before the first report the worker is starting: counted as the first phase, by time.
  const event = sample.event ?? { phase: BACKUP_PHASES[0], bytesDone: 0, bytesTotal: 0 };
  const phaseElapsedMs = sample.event === null ? sample.elapsedMs : sample.phaseElapsedMs;
  let fraction = 0;
  const index = BACKUP_PHASES.indexOf(event.phase as BackupPhase);
  if (index >= 0 && total > 0) {
    const phase = BACKUP_PHASES[index] as BackupPhase;
    const before = BACKUP_PHASES.slice(0, index).reduce((sum, p) => sum + phases[p], 0);
    const expectedMs = phases[phase] * 1000;
    const within =
      event.bytesTotal > 0
        ? event.bytesDone / event.bytesTotal
        : expectedMs > 0
          ? Math.min(TIMED_PHASE_CAP, phaseElapsedMs / expectedMs)
          : 0;
    fraction = (before + phases[phase] * Math.max(0, Math.min(1, within))) / total;
  }
  const percent = Math.max(previous?.percent ?? 0, Math.min(100, Math.floor(fraction * 100)));
  const done = percent / 100;
  const secondsLeft =
    done >= 1
      ? 0
      : sample.elapsedMs >= TIME_LEFT_AFTER_MS && done >= TIME_LEFT_AFTER_FRACTION
        ? Math.max(1, Math.ceil(((sample.elapsedMs / 1000) * (1 - done)) / done))
        : null;
  return { percent, secondsLeft };
}

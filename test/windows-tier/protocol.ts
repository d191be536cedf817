/**
 * What the Linux-side driver and the Windows-side runner tell each other, through files only: under
 * Wine a Windows node.exe cannot write to a pipe a Linux process reads (EBADF), so the driver writes
 * `case.json`, the runner writes `result.json`, and both watch the holder's signal files (the protocol
 * is described in holder-signals.h).
 */
import { NoteVaultError } from '../../src-shared/errors';

/**
 * How the holder opens the file (holder.c, sqlite-holder.c):
 * - sqlite: CreateFileW with FILE_SHARE_READ | FILE_SHARE_WRITE, the share mode SQLite's winOpen uses
 * - sqlite-vfs: SQLite itself (the amalgamation from better-sqlite3) with an open read transaction
 * - share-delete: FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE
 * - exclusive: no sharing
 */
export const HOLDER_MODES = ['sqlite', 'sqlite-vfs', 'share-delete', 'exclusive'] as const;
export type HolderMode = (typeof HOLDER_MODES)[number];

/**
 * short: the holder lets go before the retry budget runs out; the operation must succeed.
 * long: the holder outlasts the budget; the operation must fail with FILE_LOCKED where it is blocked.
 * worst: like long, with the library's default budget, to measure what giving up costs.
 */
export type Phase = 'short' | 'long' | 'worst';

export type Outcome = 'ok' | 'FILE_LOCKED' | 'other';

export const SIGNALS = {
  ready: 'ready',
  go: 'go',
  release: 'release',
  released: 'released',
  failed: 'failed',
} as const;

/** One case, as the driver hands it to the runner. Paths are Windows paths (Z:\...). */
export interface CaseSpec {
  id: string;
  op: string;
  /** 'sync-client': sync-holder.exe, which opens each new file in the folder (copy-in-scenario.ts). */
  mode: HolderMode | 'sync-client';
  phase: Phase;
  dataDir: string;
  signalDir: string;
  resultFile: string;
  /** Retry budget for the operation; null means the library default (DEFAULT_RETRY_BUDGET_MS). */
  budgetMs: number | null;
  /** How long the runner waits for the holder's "released" signal before giving up on it. */
  releaseTimeoutMs: number;
}

/** What the start-up sweep reported, reduced to what the driver checks. */
export interface SweepSummary {
  wipedTempDirs: number;
  wipedFiles: number;
  removedPartials: number;
  failures: { path: string; code: string; message: string }[];
}

export interface RunnerResult {
  outcome: Outcome;
  /** NoteVaultError code (or the error's name for anything else); absent on success. */
  code?: string;
  message?: string;
  /** Epoch milliseconds (Date.now under Wine is the Linux clock, as the holder's signals are). */
  startedAt: number;
  finishedAt: number;
  /** From the first attempt to success or failure, by the runner's monotonic clock. */
  elapsedMs: number;
  /** Pauses the retry helper made, per error code. */
  retries: Record<string, number>;
  /** For the sweep operation: its report (a failure there is how a sweep says "locked"). */
  sweep?: SweepSummary;
  /** For long and worst cases: the sweep run after the holder let go, as NoteVault's next start would. */
  sweepAfterRelease?: SweepSummary;
  /** The copy-in case: when the first rename of the partial was tried (epoch ms), the step the client blocks. */
  renameTriedAt?: number;
  /**
   * The copy-in case after a long hold: the same copy run again once the holder let go, as the
   * next catch-up would; it must complete and clear what the failed attempt left.
   */
  copyAfterRelease?: { outcome: Outcome; code?: string; message?: string; elapsedMs: number };
  /** Set when the holder could not take the file, or never let it go. */
  holderProblem?: string;
}

/** The Windows path of a Linux path under Wine's default Z: drive (mapped to /). */
export function winPath(linuxPath: string): string {
  if (!linuxPath.startsWith('/')) {
    throw new NoteVaultError('VALIDATION', `Expected an absolute Linux path, got "${linuxPath}".`);
  }
  return `Z:${linuxPath.replace(/\//g, '\\')}`;
}

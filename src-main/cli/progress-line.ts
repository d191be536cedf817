import { formatBytes } from '../../src-shared/format';
import type { BackupPhase, JobProgress } from '../backup/progress';
import type { CliIo } from './cli-types';

const PHASE_LABELS: Record<BackupPhase, string> = {
  'checking-space': 'Checking free space',
  'deriving-key': 'Deriving the key from the passkey',
  snapshot: 'Taking a snapshot of the database',
  encrypting: 'Encrypting',
  verifying: 'Verifying the backup',
  decrypting: 'Decrypting',
  validating: 'Checking the database in the backup',
  'safety-backup': 'Backing up the current database first',
  replacing: 'Replacing the database',
  finishing: 'Finishing',
};

/** "\r" back to the line start, then ESC[K: erase what a longer earlier line left behind. */
const REWRITE = '\r\u001b[K';

export interface ProgressLine {
  /** Undefined when stderr is not a terminal: logs and pipes get no progress at all. */
  onProgress: ((progress: JobProgress) => void) | undefined;
  /** Erases the line, so the result or error that follows starts on a clean line. */
  clear(): void;
}

/** One line on stderr, rewritten in place as the job moves on. */
export function progressLine(io: CliIo): ProgressLine {
  if (io.stderrIsTTY !== true) return { onProgress: undefined, clear: () => undefined };
  let drawn = false;
  return {
    onProgress(progress) {
      io.stderr.write(`${REWRITE}${describeProgress(progress)}`);
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr.write(REWRITE);
      drawn = false;
    },
  };
}

export function describeProgress({ phase, bytesDone, bytesTotal }: JobProgress): string {
  const label = PHASE_LABELS[phase];
  // Steps without a byte count (deriving the key, checking space) report 0 of 1, then 1 of 1.
  if (bytesTotal <= 1) return `${label}...`;
  const percent = Math.min(100, Math.floor((bytesDone / bytesTotal) * 100));
  return `${label}: ${percent}% (${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)})`;
}

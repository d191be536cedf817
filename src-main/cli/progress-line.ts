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
  importing: 'Importing',
  exporting: 'Exporting',
  'changing-passkey': 'Changing the passkey of the backups',
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
  const line = statusLine(io);
  const { draw, clear } = line;
  if (draw === undefined) return { onProgress: undefined, clear };
  return { onProgress: (progress) => draw(describeProgress(progress)), clear };
}

export interface StatusLine {
  /** Undefined when stderr is not a terminal: logs and pipes get no progress at all. */
  draw: ((text: string) => void) | undefined;
  clear: () => void;
}

/** A line of any text on stderr, rewritten in place: what progressLine and the import draw with. */
export function statusLine(io: CliIo): StatusLine {
  if (io.stderrIsTTY !== true) return { draw: undefined, clear: () => undefined };
  let drawn = false;
  return {
    draw(text) {
      io.stderr.write(`${REWRITE}${text}`);
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
  // Counted in files, not bytes.
  if (phase === 'changing-passkey') return `${label}: ${bytesDone} of ${bytesTotal}`;
  const percent = Math.min(100, Math.floor((bytesDone / bytesTotal) * 100));
  return `${label}: ${percent}% (${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)})`;
}

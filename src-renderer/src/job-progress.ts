import { formatCount } from '../../src-shared/format';
import type { JobPhase, JobProgressEvent } from '../../src-shared/ipc/contract-backup';

const PHASE_TEXT: Record<JobPhase, string> = {
  'checking-space': 'Checking free space…',
  'deriving-key': 'Preparing the key from your passkey…',
  snapshot: 'Copying your notes…',
  encrypting: 'Encrypting…',
  verifying: 'Checking the backup…',
  decrypting: 'Decrypting the backup…',
  validating: 'Checking the notes inside…',
  'safety-backup': 'Making a safety backup of your current notes…',
  replacing: 'Replacing your notes…',
  finishing: 'Finishing…',
  importing: 'Importing notes…',
  exporting: 'Exporting notes…',
  'changing-passkey': 'Changing the passkey of your backups…',
};

export function phaseText(phase: JobPhase): string {
  return PHASE_TEXT[phase];
}

/** Whole percent of the current phase, 0-100; a phase with no byte count yet shows 0. */
export function percentOf(progress: JobProgressEvent | null): number {
  if (progress === null || progress.bytesTotal <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((progress.bytesDone / progress.bytesTotal) * 100)));
}

/** "about 4 seconds", "about 2 minutes": a rough duration, as the backup plan states it. */
export function aboutDuration(seconds: number): string {
  if (seconds < 90) {
    const whole = Math.max(1, Math.round(seconds));
    return `about ${formatCount(whole, 'second')}`;
  }
  return `about ${formatCount(Math.round(seconds / 60), 'minute')}`;
}

/** What the progress bar says of the time left; empty until there is an estimate. */
export function timeLeftText(secondsLeft: number | null): string {
  if (secondsLeft === null) return '';
  if (secondsLeft <= 0) return 'Almost done.';
  return `${aboutDuration(secondsLeft).replace(/^a/, 'A')} left.`;
}

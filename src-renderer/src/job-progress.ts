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
};

export function phaseText(phase: JobPhase): string {
  return PHASE_TEXT[phase];
}

/** Whole percent of the current phase, 0-100; a phase with no byte count yet shows 0. */
export function percentOf(progress: JobProgressEvent | null): number {
  if (progress === null || progress.bytesTotal <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((progress.bytesDone / progress.bytesTotal) * 100)));
}

/** "1.4 MB": sizes for people, in decimal units as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit] ?? 'TB'}`;
}

/** A backup's date and time in the person's locale. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

import { NoteVaultError } from '../../src-shared/errors';

const UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * Human-readable size with one decimal: "512 bytes", "1.5 KB", "3.2 GB". Units are powers of 1024
 * labelled KB/MB/GB, as Windows Explorer shows them, so the numbers match what the person sees there.
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) {
    throw new NoteVaultError('VALIDATION', `A byte count must be a finite number >= 0, got ${n}.`);
  }
  if (n < 1024) return n === 1 ? '1 byte' : `${Math.round(n)} bytes`;
  let value = n / 1024;
  let unit = 0;
  // Compare the rounded value so 1023.96 KB is shown as "1.0 MB", not "1024.0 KB".
  while (Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

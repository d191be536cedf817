/**
 * The one way NoteVault words sizes, counts and dates for people, in the main process, the
 * command-line tool and the window alike. Plain JavaScript and Intl only: no Node, no DOM.
 */
import { NoteVaultError } from './errors';

const UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * Human-readable size with one decimal: "512 bytes", "1.5 KB", "3.2 GB". Units are powers of 1024
 * labelled KB/MB/GB, as Windows Explorer shows them: NoteVault's installer targets Windows first,
 * and the sizes a person checks against ours (a backup file's size after "Show in folder", the free
 * space of a drive) are the ones their file manager shows there.
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

// The interface is written in English, so its plural forms follow English rules; numbers
// follow the person's locale, as dates do.
const englishPlural = new Intl.PluralRules('en');
const numberFormat = new Intl.NumberFormat();

/** The noun's form for `count`: "note" for 1, `other` (default noun + "s") for every other count. */
export function pluralNoun(count: number, one: string, other = `${one}s`): string {
  return englishPlural.select(count) === 'one' ? one : other;
}

/** A number in the person's locale: "1,234" (or "1.234", "1 234"). */
export function formatNumber(count: number): string {
  return numberFormat.format(count);
}

/** "1 note", "2 notes", "1,234 notes"; pass `other` for irregular plurals ("1 copy", "2 copies"). */
export function formatCount(count: number, one: string, other?: string): string {
  return `${formatNumber(count)} ${pluralNoun(count, one, other)}`;
}

/** A date and time in the person's locale, e.g. "5 Dec 2026, 14:05"; takes epoch ms or an ISO string. */
export function formatDateTime(time: number | string): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * "just now", "5 min ago", "3 hours ago", "2 days ago": how long ago `then` was, for a person
 * (the tray, the backups view and the settings alike).
 */
export function formatAgo(then: number, now: number): string {
  const ms = now - then;
  // A time in the future (a clock set back since) reads as recent rather than as nonsense.
  if (ms < 60_000) return 'just now';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** A note's title as people see it: an empty one reads "Untitled". */
export function displayTitle(title: string): string {
  return title.trim() === '' ? 'Untitled' : title;
}

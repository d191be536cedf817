import { formatCount, formatNumber } from '../../src-shared/format';

// Shared with the main process, which names notes in its confirmation dialogs.
export { displayTitle } from '../../src-shared/format';

/** "14:05": the save indicator wants a 24-hour clock whatever the locale. */
export function formatClockTime(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Today's edits show the time, older ones the date, as a list entry has little room. */
export function formatListDate(time: number, now = Date.now()): string {
  const date = new Date(time);
  const today = new Date(now);
  const sameDay =
    date.getFullYear() === today.getFullYear() &&
    date.getMonth() === today.getMonth() &&
    date.getDate() === today.getDate();
  return sameDay ? formatClockTime(time) : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** "1 note", "150 notes", or "100 of 150 notes" while only some are loaded. */
export function formatNoteCount(shown: number, total: number): string {
  const notes = formatCount(total, 'note');
  return shown < total ? `${formatNumber(shown)} of ${notes}` : notes;
}

/** Search results are not counted ahead: "3 matching notes", or "50+ matching notes" while more may follow. */
export function formatMatchCount(shown: number, complete: boolean): string {
  if (!complete) return `${formatNumber(shown)}+ matching notes`;
  return formatCount(shown, 'matching note');
}

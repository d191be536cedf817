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

/** The first line of the body, for list entries that have no search snippet. */
export function firstLine(text: string, maxChars = 120): string {
  const line = text.trimStart().split('\n', 1)[0] ?? '';
  return line.length > maxChars ? `${line.slice(0, maxChars)}…` : line;
}

export function displayTitle(title: string): string {
  return title.trim() === '' ? 'Untitled' : title;
}

// The interface is written in English, so its plural forms follow English rules; numbers
// follow the person's locale, as dates do.
const englishPlural = new Intl.PluralRules('en');
const numberFormat = new Intl.NumberFormat();

function noun(count: number, one: string, other: string): string {
  return englishPlural.select(count) === 'one' ? one : other;
}

/** "1 note", "150 notes", or "100 of 150 notes" while only some are loaded. */
export function formatNoteCount(shown: number, total: number): string {
  const notes = `${numberFormat.format(total)} ${noun(total, 'note', 'notes')}`;
  return shown < total ? `${numberFormat.format(shown)} of ${notes}` : notes;
}

/** Search results are not counted ahead: "3 matching notes", or "50+ matching notes" while more may follow. */
export function formatMatchCount(shown: number, complete: boolean): string {
  if (!complete) return `${numberFormat.format(shown)}+ matching notes`;
  return `${numberFormat.format(shown)} ${noun(shown, 'matching note', 'matching notes')}`;
}

import { formatMatchCount, formatNoteCount } from '../format';
import type { NoteEntries } from '../hooks/useNoteEntries';

interface NoteListCountProps {
  id: string;
  notes: NoteEntries;
}

/**
 * How many notes a list holds and how many are loaded, so a list read a page at a time never
 * looks complete when it is not. Plain text, not a live region: it changes as pages load
 * while scrolling, which would be noise read aloud. The list names it as its description.
 */
export function NoteListCount({ id, notes }: NoteListCountProps) {
  const { entries, total, complete } = notes;
  if (entries === null || entries.length === 0) return null;
  return (
    <p id={id} className="list-count">
      {total === null ? formatMatchCount(entries.length, complete) : formatNoteCount(entries.length, total)}
    </p>
  );
}

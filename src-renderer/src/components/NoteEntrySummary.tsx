import type { ReactNode } from 'react';
import { displayTitle, formatListDate } from '../format';
import { AttachmentThumbnail } from '../attachments/AttachmentThumbnail';
import { HighlightedSnippet } from './HighlightedSnippet';
import { PinIcon } from './PinIcon';

/** What a list entry shows of a note: the main window's list and a browsed backup's alike. */
export interface NoteEntryFacts {
  title: string;
  pinned: boolean;
  updatedAt: number;
  /** A search snippet with highlight marks, or null for a plain listing. */
  snippet: string | null;
  excerpt: string;
  /** The note's first image (its attachment's SHA-256), drawn small under the text; none when absent. */
  thumbnail?: string | null;
}

/**
 * The inside of a note entry's button: title (truncated, the full one in its tooltip), date,
 * then the first line or the search snippet. One component so both lists read the same.
 */
export function NoteEntrySummary({ entry, prefix }: { entry: NoteEntryFacts; prefix?: ReactNode }) {
  const title = displayTitle(entry.title);
  return (
    <>
      <span className="note-entry-head">
        {entry.pinned && (
          <span className="pin-badge" title="Pinned">
            <PinIcon />
            <span className="visually-hidden">Pinned: </span>
          </span>
        )}
        <span className="note-entry-title" title={title}>
          {title}
        </span>
        <time className="note-entry-date" dateTime={new Date(entry.updatedAt).toISOString()}>
          {formatListDate(entry.updatedAt)}
        </time>
      </span>
      <span className="note-entry-detail">
        {prefix}
        {entry.snippet !== null ? <HighlightedSnippet snippet={entry.snippet} /> : entry.excerpt}
      </span>
      {entry.thumbnail && <AttachmentThumbnail sha256={entry.thumbnail} />}
    </>
  );
}

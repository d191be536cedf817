import { useState } from 'react';
import type { BrowseSessionInfo } from '../../../src-shared/ipc/contract-schedule';
import type { Note } from '../../../src-shared/notes';
import { useApi } from '../api-context';
import { markdownPreview } from '../../../src-shared/markdown/markdown-preview';
import { describeBringBack } from '../restore-summary';
import { useDebouncedValue } from './useDebouncedValue';
import { useApiCall } from './useLatestCall';

/** One note of the backup in the list, with what the main window's list shows of a note. */
export interface BrowseEntry {
  id: string;
  title: string;
  trashed: boolean;
  pinned: boolean;
  updatedAt: number;
  /** A search snippet with highlight marks, or null for a plain listing. */
  snippet: string | null;
  excerpt: string;
}

const listed =
  (trashed: boolean) =>
  (note: Note): BrowseEntry => ({
    id: note.id,
    title: note.title,
    trashed,
    pinned: note.pinned,
    updatedAt: note.updatedAt,
    snippet: null,
    excerpt: markdownPreview(note.body),
  });

/** Search waits for a short pause in typing, as in the notes list. */
const SEARCH_DELAY_MS = 150;
/** How many live and how many trashed notes the list shows without a search. */
const LIST_LIMIT = 500;

/**
 * The state of browsing one backup: its notes (all, or those matching the search; the
 * answer for an older query is dropped), the note being read, the selection, and bringing
 * the selected notes back. Closing wipes the decrypted copy in the main process.
 */
export function useBrowseBackup(
  session: BrowseSessionInfo,
  onClose: () => void,
  onError: (error: unknown) => void,
) {
  const api = useApi();
  const [query, setQuery] = useState('');
  const search = useDebouncedValue(query, SEARCH_DELAY_MS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState('');
  const { sessionId } = session;

  const entries = useApiCall(
    ({ browse }): Promise<BrowseEntry[]> =>
      search.trim() === ''
        ? Promise.all([
            browse.list({ sessionId, limit: LIST_LIMIT }),
            browse.list({ sessionId, trashed: true, limit: LIST_LIMIT }),
          ]).then(([live, trash]) => [...live.items.map(listed(false)), ...trash.items.map(listed(true))])
        : browse.search({ sessionId, query: search }).then((hits) =>
            hits.map((hit) => ({
              id: hit.id,
              title: hit.title,
              trashed: false,
              pinned: hit.pinned,
              updatedAt: hit.updatedAt,
              snippet: hit.snippet,
              excerpt: '',
            })),
          ),
    [sessionId, search],
    onError,
  );

  // The note to read: a quick second click shows the second note, whichever answer comes last.
  const [readingId, setReadingId] = useState<string | null>(null);
  const reading = useApiCall<Note>(
    ({ browse }) => (readingId === null ? null : browse.get({ sessionId, id: readingId })),
    [sessionId, readingId],
    onError,
  );

  const close = () => {
    api.browse.close({ sessionId }).catch(onError);
    onClose();
  };
  const toggle = (noteId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(noteId)) next.add(noteId);
      return next;
    });
  /** Resolves to the ids brought back (none when it failed), so the view can place focus. */
  const bringBack = (mode: 'as-new' | 'replace'): Promise<string[]> => {
    setReviewing(null);
    const ids = [...selected];
    return api.browse.bringBack({ sessionId, ids, mode }).then(
      (result) => {
        setSelected(new Set());
        setNotice(describeBringBack(result));
        return ids;
      },
      (error: unknown) => {
        onError(error);
        return [];
      },
    );
  };
  // Replace current version first shows what it would change (ReplacePreview).
  const [reviewing, setReviewing] = useState<readonly string[] | null>(null);

  return {
    query,
    setQuery,
    entries: entries.data ?? [],
    reading: reading.data ?? null,
    read: setReadingId,
    selected,
    toggle,
    bringBack,
    reviewReplace: () => setReviewing([...selected]),
    reviewing,
    cancelReview: () => setReviewing(null),
    notice,
    close,
  };
}

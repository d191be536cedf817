import { useState } from 'react';
import { formatCount } from '../../../src-shared/format';
import type { BrowseSessionInfo } from '../../../src-shared/ipc/contract-schedule';
import type { Note } from '../../../src-shared/notes';
import { useApi } from '../api-context';
import { useDebouncedValue } from './useDebouncedValue';
import { useApiCall } from './useLatestCall';

/** One note of the backup in the list: enough to name it. */
export interface BrowseEntry {
  id: string;
  title: string;
  trashed: boolean;
}

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
          ]).then(([live, trash]) => [
            ...live.items.map((n) => ({ id: n.id, title: n.title, trashed: false })),
            ...trash.items.map((n) => ({ id: n.id, title: n.title, trashed: true })),
          ])
        : browse
            .search({ sessionId, query: search })
            .then((hits) => hits.map((h) => ({ id: h.id, title: h.title, trashed: false }))),
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
  const bringBack = (mode: 'as-new' | 'replace') => {
    api.browse
      .bringBack({ sessionId, ids: [...selected], mode })
      .then((result) => {
        const count = result.created + result.replaced;
        setSelected(new Set());
        setNotice(
          `Brought back ${formatCount(count, 'note')}` +
            (result.replaced > 0 ? ` (${result.replaced} replaced the current version).` : ' as new notes.'),
        );
      })
      .catch(onError);
  };

  return {
    query,
    setQuery,
    entries: entries.data ?? [],
    reading: reading.data ?? null,
    read: setReadingId,
    selected,
    toggle,
    bringBack,
    notice,
    close,
  };
}

import { useCallback, useEffect, useState } from 'react';
import { HISTORY_LIMITS } from '../../../src-shared/note-versions';
import type { NoteVersionSummary } from '../../../src-shared/note-versions';
import type { VersionRestoreResult } from '../../../src-shared/ipc/contract-versions';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/** The last restore done in the dialog: what came back, and the version that undoes it. */
export interface LastRestore {
  restored: NoteVersionSummary;
  kept: NoteVersionSummary;
  /** True once the restore itself was undone. */
  undone: boolean;
}

/**
 * The History dialog's state for note `noteId` (null: a new note not saved yet, with no
 * history): its versions newest first, a page at a time; the one selected with its text; the
 * note's current text to compare with; and restoring, which reloads all of it.
 */
export function useNoteHistory(noteId: string | null, onError: (error: unknown) => void) {
  const api = useApi();
  const [revision, setRevision] = useState(0);
  const [lastRestore, setLastRestore] = useState<LastRestore | null>(null);
  const [restoring, setRestoring] = useState(false);
  const { items, total, selected, setSelected, loadOlder } = useVersionPages(noteId, revision, onError);

  const version = useApiCall(
    (a) => (noteId === null || selected === null ? null : a.versions.get({ id: noteId, seq: selected })),
    [noteId, selected],
    onError,
  );
  const note = useApiCall(
    (a) => (noteId === null ? null : a.notes.get({ id: noteId })),
    [noteId, revision],
    onError,
  );

  /** Restores version `seq`; resolves with what main did, or null when it failed (shown by onError). */
  const restore = useCallback(
    async (target: NoteVersionSummary, undo: boolean): Promise<VersionRestoreResult | null> => {
      if (noteId === null) return null;
      setRestoring(true);
      try {
        const result = await api.versions.restore({ id: noteId, seq: target.seq });
        setLastRestore((last) =>
          undo && last ? { ...last, undone: true } : { restored: target, kept: result.kept, undone: false },
        );
        setSelected(result.kept.seq);
        setRevision((r) => r + 1);
        return result;
      } catch (error) {
        onError(error);
        return null;
      } finally {
        setRestoring(false);
      }
    },
    [api, noteId, onError],
  );

  return {
    items,
    total,
    selected,
    select: setSelected,
    loadOlder,
    // An answer for an earlier selection is not shown as this one.
    version: version.data?.seq === selected ? version.data : null,
    current: note.data,
    restore,
    restoring,
    lastRestore,
  };
}

/** Note `noteId`'s versions newest first, a page at a time, and which one is selected. */
function useVersionPages(noteId: string | null, revision: number, onError: (error: unknown) => void) {
  const api = useApi();
  const [items, setItems] = useState<NoteVersionSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);

  // The first page, again after every restore (the version kept before it is now the newest).
  useEffect(() => {
    if (noteId === null) {
      setItems([]);
      return;
    }
    let current = true;
    api.versions
      .list({ id: noteId, limit: HISTORY_LIMITS.pageSize })
      .then((page) => {
        if (!current) return;
        setItems(page.items);
        setTotal(page.total);
        setSelected((seq) =>
          seq !== null && page.items.some((v) => v.seq === seq) ? seq : (page.items[0]?.seq ?? null),
        );
      })
      .catch((error: unknown) => current && onError(error));
    return () => {
      current = false;
    };
    // onError is left out on purpose: a new closure from the caller must not reload the list.
  }, [api, noteId, revision]);

  const loadOlder = useCallback(async () => {
    if (noteId === null || items === null) return;
    try {
      const page = await api.versions.list({
        id: noteId,
        offset: items.length,
        limit: HISTORY_LIMITS.pageSize,
      });
      setItems([...items, ...page.items]);
      setTotal(page.total);
    } catch (error) {
      onError(error);
    }
  }, [api, noteId, items, onError]);

  return { items, total, selected, setSelected, loadOlder };
}

import { useCallback, useRef, useState } from 'react';
import type { ChosenRestoreFile } from '../../../src-shared/ipc/contract-backup';
import type { AppView, BackupListEntry } from '../../../src-shared/ipc/contract-schedule';
import { describeError } from '../api';
import type { ShownError } from '../api';
import { useApi } from '../api-context';
import { useAppView } from './useAppView';
import { useDebouncedValue } from './useDebouncedValue';
import { useFocusAfterTrash } from './useFocusAfterTrash';
import { useNoteEntries } from './useNoteEntries';
import { useNotesVersion } from './useNotesVersion';
import { useOrganise } from './useOrganise';
import { focusEditor, useShortcuts } from './useShortcuts';
import { useTrashCount } from './useTrashCount';

/** The toolbar button that opens a view (Toolbar, ScheduleToolbarButtons mark it). */
function focusViewToggle(view: AppView | 'trash'): void {
  document.querySelector<HTMLElement>(`[data-view-toggle="${view}"]`)?.focus();
}

/** Search waits for a short pause in typing rather than querying on every key. */
const SEARCH_DELAY_MS = 150;

/**
 * The main window's state: which note or view is open, the search, the error banner, the
 * shortcuts, and the restore chosen from the backups view. App.tsx only lays it out.
 */
export function useAppState() {
  const api = useApi();
  const [trashOpen, setTrashOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // New note opens a draft: the editor shows an empty note that reaches the database only with
  // its first typed text, so notes never written in do not pile up (issue #14). The number keys
  // the draft's editor, which keeps it once the note exists (no remount, the caret stays).
  const [draft, setDraft] = useState<number | null>(null);
  const drafts = useRef(0);
  const [error, setError] = useState<ShownError | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const showError = useCallback((caught: unknown) => setError(describeError(caught)), []);
  const version = useNotesVersion(showError);
  const searchQuery = useDebouncedValue(query, SEARCH_DELAY_MS);
  const organise = useOrganise(showError);
  const notes = useNoteEntries('notes', searchQuery, version, showError, organise.listing);
  const trashCount = useTrashCount(version, showError);
  const [appView, setAppView] = useAppView(showError);

  const select = useCallback(
    (id: string | null) => {
      setTrashOpen(false);
      setAppView(null);
      setSelectedId(id);
      setDraft(null);
    },
    [setAppView],
  );

  const newNote = useCallback(() => {
    setQuery('');
    select(null);
    // A new key each time, so a second New note opens a fresh editor.
    drafts.current += 1;
    setDraft(drafts.current);
  }, [select]);

  /** The draft's first save created it: it is now the open note, in the same editor. */
  const draftCreated = useCallback((id: string) => setSelectedId(id), []);

  const focusSearch = useCallback(() => {
    searchInput.current?.focus();
    searchInput.current?.select();
  }, []);

  useShortcuts({ newNote, focusSearch, focusEditor });
  const { listFocus, noteTrashed } = useFocusAfterTrash(notes.entries, select);

  /** Back to notes (or Escape) from a view: focus returns to the toolbar button that opens it. */
  const leaveView = useCallback(
    (view: AppView | 'trash') => {
      focusViewToggle(view);
      if (view === 'trash') setTrashOpen(false);
      else setAppView(null);
    },
    [setAppView],
  );

  // The backups view's Restore button: the main process checks the name and hands out a token.
  const [restoreFile, setRestoreFile] = useState<ChosenRestoreFile | null>(null);
  const restoreBackup = useCallback(
    (backup: BackupListEntry) => {
      api.restore.fromBackupsFolder({ name: backup.name }).then(setRestoreFile).catch(showError);
    },
    [api, showError],
  );

  return {
    trashOpen,
    setTrashOpen,
    query,
    setQuery,
    searching: searchQuery.trim() !== '',
    selectedId,
    setSelectedId,
    draft,
    draftCreated,
    error,
    setError,
    searchInput,
    list,
    showError,
    version,
    notes,
    organise,
    trashCount,
    appView,
    setAppView,
    select,
    newNote,
    listFocus,
    noteTrashed,
    leaveView,
    restoreFile,
    setRestoreFile,
    restoreBackup,
  };
}

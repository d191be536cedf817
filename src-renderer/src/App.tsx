import { useCallback, useRef, useState } from 'react';
import type { ChosenRestoreFile } from '../../src-shared/ipc/contract-backup';
import type { BackupListEntry } from '../../src-shared/ipc/contract-schedule';
import { describeError, notevault } from './api';
import { BackupRestoreActions } from './components/BackupRestoreActions';
import { BackupsView } from './components/BackupsView';
import { RestoreDialog } from './components/RestoreDialog';
import { ScheduleToolbarButtons } from './components/ScheduleToolbarButtons';
import { SettingsView } from './components/SettingsView';
import { Editor } from './components/Editor';
import { ErrorAlert } from './components/ErrorAlert';
import { NoteList } from './components/NoteList';
import { SearchBox } from './components/SearchBox';
import { Toolbar } from './components/Toolbar';
import { TrashView } from './components/TrashView';
import { useAppView } from './hooks/useAppView';
import { useDebouncedValue } from './hooks/useDebouncedValue';
import { useNoteEntries } from './hooks/useNoteEntries';
import { useNotesVersion } from './hooks/useNotesVersion';
import { useShortcuts } from './hooks/useShortcuts';
import { useTrashCount } from './hooks/useTrashCount';

/** Search waits for a short pause in typing rather than querying on every key. */
const SEARCH_DELAY_MS = 150;

export function App() {
  const [trashOpen, setTrashOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const showError = useCallback((caught: unknown) => setError(describeError(caught)), []);
  const version = useNotesVersion(showError);
  const searchQuery = useDebouncedValue(query, SEARCH_DELAY_MS);
  const notes = useNoteEntries('notes', searchQuery, version, showError);
  const trashCount = useTrashCount(version, showError);
  const [appView, setAppView] = useAppView(showError);

  const select = useCallback(
    (id: string | null, created = false) => {
      setTrashOpen(false);
      setAppView(null);
      setSelectedId(id);
      setCreatedId(created ? id : null);
    },
    [setAppView],
  );

  const newNote = useCallback(() => {
    Promise.resolve()
      .then(() => notevault().notes.create({ title: '', body: '' }))
      .then((note) => {
        setQuery('');
        select(note.id, true);
      })
      .catch(showError);
  }, [select, showError]);

  const focusSearch = useCallback(() => {
    searchInput.current?.focus();
    searchInput.current?.select();
  }, []);

  useShortcuts({ newNote, focusSearch });

  // The backups view's Restore button: the main process checks the name and hands out a token.
  const [restoreFile, setRestoreFile] = useState<ChosenRestoreFile | null>(null);
  const restoreBackup = useCallback(
    (backup: BackupListEntry) => {
      notevault().restore.fromBackupsFolder({ name: backup.name }).then(setRestoreFile).catch(showError);
    },
    [showError],
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1>NoteVault</h1>
        <Toolbar
          onNewNote={newNote}
          trashOpen={trashOpen}
          trashCount={trashCount}
          onToggleTrash={() => setTrashOpen((open) => !open)}
        >
          <BackupRestoreActions onRestored={() => select(null)} />
          <ScheduleToolbarButtons
            view={appView}
            onToggle={(view) => setAppView((open) => (open === view ? null : view))}
          />
        </Toolbar>
      </header>
      <ErrorAlert message={error} onDismiss={() => setError(null)} />
      <RestoreDialog
        open={restoreFile !== null}
        initialFile={restoreFile}
        onClose={() => setRestoreFile(null)}
        // The backups view stays open (it lists the new safety backup); a note may be gone.
        onRestored={() => setSelectedId(null)}
      />
      <div className="app-body">
        <nav className="sidebar" aria-label="Notes">
          <SearchBox
            query={query}
            onQueryChange={setQuery}
            inputRef={searchInput}
            onArrowDown={() => list.current?.querySelector<HTMLButtonElement>('button')?.focus()}
          />
          <NoteList
            notes={notes}
            selectedId={selectedId}
            searching={searchQuery.trim() !== ''}
            onSelect={(id) => select(id)}
            listRef={list}
          />
        </nav>
        <main className="content">
          {appView === 'backups' ? (
            <BackupsView onClose={() => setAppView(null)} onError={showError} onRestore={restoreBackup} />
          ) : appView === 'settings' ? (
            <SettingsView onClose={() => setAppView(null)} onError={showError} />
          ) : trashOpen ? (
            <TrashView version={version} onClose={() => setTrashOpen(false)} onError={showError} />
          ) : selectedId ? (
            <Editor
              key={selectedId}
              noteId={selectedId}
              focusTitle={selectedId === createdId}
              onTrashed={() => select(null)}
              onError={showError}
            />
          ) : (
            <p className="editor-placeholder">Select a note, or press Ctrl+N to write a new one.</p>
          )}
        </main>
      </div>
    </div>
  );
}

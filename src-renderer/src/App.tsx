import { useCallback, useRef, useState } from 'react';
import { describeError, notevault } from './api';
import { Editor } from './components/Editor';
import { ErrorAlert } from './components/ErrorAlert';
import { NoteList } from './components/NoteList';
import { SearchBox } from './components/SearchBox';
import { Toolbar } from './components/Toolbar';
import { TrashView } from './components/TrashView';
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
  const entries = useNoteEntries('notes', searchQuery, version, showError);
  const trashCount = useTrashCount(version, showError);

  const select = useCallback((id: string | null, created = false) => {
    setTrashOpen(false);
    setSelectedId(id);
    setCreatedId(created ? id : null);
  }, []);

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

  return (
    <div className="app">
      <header className="app-header">
        <h1>NoteVault</h1>
        <Toolbar
          onNewNote={newNote}
          trashOpen={trashOpen}
          trashCount={trashCount}
          onToggleTrash={() => setTrashOpen((open) => !open)}
        />
      </header>
      <ErrorAlert message={error} onDismiss={() => setError(null)} />
      <div className="app-body">
        <nav className="sidebar" aria-label="Notes">
          <SearchBox
            query={query}
            onQueryChange={setQuery}
            inputRef={searchInput}
            onArrowDown={() => list.current?.querySelector<HTMLButtonElement>('button')?.focus()}
          />
          <NoteList
            entries={entries}
            selectedId={selectedId}
            searching={searchQuery.trim() !== ''}
            onSelect={(id) => select(id)}
            listRef={list}
          />
        </nav>
        <main className="content">
          {trashOpen ? (
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

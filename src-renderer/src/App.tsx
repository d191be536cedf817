import { BackupRestoreActions } from './components/BackupRestoreActions';
import { BackupsView } from './components/BackupsView';
import { HealthView } from './components/HealthView';
import { RestoreDialog } from './components/RestoreDialog';
import { ScheduleToolbarButtons } from './components/ScheduleToolbarButtons';
import { SettingsView } from './components/SettingsView';
import { Editor } from './components/Editor';
import { ErrorAlert } from './components/ErrorAlert';
import { NoteList } from './components/NoteList';
import { NoteTags } from './components/NoteTags';
import { SortSelect, TagFilterBar } from './components/ListControls';
import { TagPanel } from './components/TagPanel';
import { SearchBox } from './components/SearchBox';
import { Toolbar } from './components/Toolbar';
import { TrashView } from './components/TrashView';
import { TransferMenuDialogs } from './components/TransferMenuDialogs';
import { useAppState } from './hooks/useAppState';
import { useTheme } from './hooks/useTheme';
import { useWelcome } from './hooks/useWelcome';
import { SetupBackupsDialog } from './components/SetupBackupsDialog';
import { Welcome } from './components/Welcome';

/** The main window: toolbar, error banner, the notes sidebar, and the note or view beside it. */
export function App() {
  const state = useAppState();
  const { appView, setAppView, selectedId, showError, select } = state;
  useTheme(showError);
  const welcome = useWelcome(state.notes.entries?.length === 0 && !state.searching, showError);
  const { organise } = state;
  // Below the editor's body, in its own component: the editor and the tags change apart.
  const noteTags = (id: string) => (
    <NoteTags
      key={`tags-${id}`}
      noteId={id}
      tags={organise.tags}
      version={state.version}
      onError={showError}
    />
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1>NoteVault</h1>
        <Toolbar
          onNewNote={state.newNote}
          trashOpen={state.trashOpen}
          trashCount={state.trashCount}
          onToggleTrash={() => state.setTrashOpen((open) => !open)}
        >
          <BackupRestoreActions onRestored={() => select(null)} />
          <ScheduleToolbarButtons
            view={appView}
            onToggle={(view) => setAppView((open) => (open === view ? null : view))}
          />
        </Toolbar>
      </header>
      <ErrorAlert error={state.error} onDismiss={() => state.setError(null)} />
      <RestoreDialog
        open={state.restoreFile !== null}
        initialFile={state.restoreFile}
        onClose={() => state.setRestoreFile(null)}
        // The backups view stays open (it lists the new safety backup); a note may be gone.
        onRestored={() => state.setSelectedId(null)}
      />
      <SetupBackupsDialog
        open={welcome.settingUp}
        settings={welcome.settings}
        onClose={welcome.endSetup}
        onDone={welcome.dismiss}
        onError={showError}
      />
      <div className="app-body">
        <nav className="sidebar" aria-label="Notes">
          <TagPanel organise={organise} onError={showError} />
          {/* Before the search box: Tab from it goes straight into the list (keyboard-focus.spec.ts). */}
          <TagFilterBar
            filter={organise.filter}
            onRemove={organise.toggleFilter}
            onClear={organise.clearFilter}
          />
          {/* Shown while searching too (results are ranked by match), so the search box never moves. */}
          <SortSelect label="Sort notes" value={organise.sortChoice} onChange={organise.setSortChoice} />
          <SearchBox
            query={state.query}
            onQueryChange={state.setQuery}
            inputRef={state.searchInput}
            onArrowDown={() =>
              state.list.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus()
            }
          />
          <NoteList
            notes={state.notes}
            selectedId={selectedId}
            searching={state.searching}
            onSelect={(id) => select(id)}
            listRef={state.list}
            focusRequest={state.listFocus}
          />
        </nav>
        <main className="content">
          {appView === 'backups' ? (
            <BackupsView
              onClose={() => state.leaveView('backups')}
              onError={showError}
              onRestore={state.restoreBackup}
              onOpenSettings={() => setAppView('settings')}
              onOpenHealth={() => setAppView('health')}
            />
          ) : appView === 'health' ? (
            <HealthView
              onClose={() => state.leaveView('health')}
              onError={showError}
              onOpenSettings={() => setAppView('settings')}
              onOpenBackups={() => setAppView('backups')}
            />
          ) : appView === 'settings' ? (
            <SettingsView onClose={() => state.leaveView('settings')} onError={showError} />
          ) : state.trashOpen ? (
            <TrashView version={state.version} onClose={() => state.leaveView('trash')} onError={showError} />
          ) : state.draft !== null ? (
            <>
              <Editor
                key={`draft-${state.draft}`}
                // Null until the first keystroke creates it; read only when the editor mounts.
                noteId={selectedId}
                focusTitle
                onCreated={state.draftCreated}
                onTrashed={(id) => (id === null ? select(null) : state.noteTrashed(id))}
                onError={showError}
              />
              {selectedId ? noteTags(selectedId) : null}
            </>
          ) : selectedId ? (
            <>
              <Editor
                key={selectedId}
                noteId={selectedId}
                focusTitle={false}
                onTrashed={(id) => state.noteTrashed(id ?? selectedId)}
                onError={showError}
              />
              {noteTags(selectedId)}
            </>
          ) : welcome.show ? (
            <Welcome onSetUp={welcome.startSetup} onDismiss={welcome.dismiss} />
          ) : (
            <p className="editor-placeholder">Select a note, or press Ctrl+N to write a new one.</p>
          )}
        </main>
      </div>
      <TransferMenuDialogs onError={showError} />
    </div>
  );
}

import { useCallback, useState } from 'react';
import type { Note, NotePatch } from '../../../src-shared/notes';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import { useApi } from '../api-context';
import { useAutosave } from '../hooks/useAutosave';
import { useApiCall } from '../hooks/useLatestCall';
import { PinIcon } from './PinIcon';
import { SaveIndicator } from './SaveIndicator';

interface EditorProps {
  noteId: string;
  /** Put the cursor in the title, for a note that was just created. */
  focusTitle: boolean;
  onTrashed: () => void;
  onError: (error: unknown) => void;
}

/** Title and body of one note, saved as you type. Mounted with key={noteId}. */
export function Editor({ noteId, focusTitle, onTrashed, onError }: EditorProps) {
  const api = useApi();
  const loaded = useApiCall((a) => a.notes.get({ id: noteId }), [noteId], onError);
  // What is typed, ahead of what is saved.
  const [edited, setEdited] = useState<Note | null>(null);
  const note = edited ?? loaded.data ?? null;
  const save = useCallback((patch: NotePatch) => api.notes.update({ id: noteId, patch }), [api, noteId]);
  const { status, schedule, flush } = useAutosave(save, onError);

  if (!note) return <p className="editor-placeholder">Loading note…</p>;

  const change = (patch: NotePatch) => {
    setEdited({ ...note, ...patch });
    schedule(patch);
  };

  const moveToTrash = async () => {
    try {
      // Save pending edits first: a trashed note is read-only.
      await flush();
      await api.notes.trash({ id: noteId });
      onTrashed();
    } catch (error) {
      onError(error);
    }
  };

  return (
    <section className="editor" aria-label="Editor">
      <div className="editor-bar">
        <SaveIndicator status={status} />
        <button
          type="button"
          aria-pressed={note.pinned}
          onClick={() => {
            change({ pinned: !note.pinned });
            void flush();
          }}
        >
          <PinIcon /> Pin
        </button>
        <button type="button" onClick={() => void moveToTrash()}>
          Move to trash
        </button>
      </div>
      <label htmlFor="note-title" className="visually-hidden">
        Title
      </label>
      <input
        id="note-title"
        className="editor-title"
        placeholder="Title"
        maxLength={NOTE_LIMITS.titleMaxChars}
        autoFocus={focusTitle}
        value={note.title}
        onChange={(event) => change({ title: event.target.value })}
      />
      <label htmlFor="note-body" className="visually-hidden">
        Note text
      </label>
      <textarea
        id="note-body"
        className="editor-body"
        placeholder="Start writing…"
        value={note.body}
        onChange={(event) => change({ body: event.target.value })}
      />
    </section>
  );
}

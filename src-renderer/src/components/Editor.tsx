import { useCallback, useEffect, useState } from 'react';
import type { Note, NotePatch } from '../../../src-shared/notes';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import { notevault } from '../api';
import { useAutosave } from '../hooks/useAutosave';
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
  const [note, setNote] = useState<Note | null>(null);
  const save = useCallback((patch: NotePatch) => notevault().notes.update({ id: noteId, patch }), [noteId]);
  const { status, schedule, flush } = useAutosave(save, onError);

  useEffect(() => {
    let current = true;
    Promise.resolve()
      .then(() => notevault().notes.get({ id: noteId }))
      .then(
        (loaded) => {
          if (current) setNote(loaded);
        },
        (error: unknown) => {
          if (current) onError(error);
        },
      );
    return () => {
      current = false;
    };
  }, [noteId, onError]);

  if (!note) return <p className="editor-placeholder">Loading note…</p>;

  const change = (patch: NotePatch) => {
    setNote({ ...note, ...patch });
    schedule(patch);
  };

  const moveToTrash = async () => {
    try {
      // Save pending edits first: a trashed note is read-only.
      await flush();
      await notevault().notes.trash({ id: noteId });
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

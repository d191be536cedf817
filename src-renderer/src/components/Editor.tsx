import { useCallback, useState } from 'react';
import type { ClipboardEvent } from 'react';
import { stripControlCharacters } from '../../../src-shared/note-rules';
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

  /**
   * Pasted text loses its control characters before it lands, at the cursor, so the caret
   * stays where the paste ended. (onChange cleans anything else that brings one in, typed or
   * dropped, but a controlled field whose value is rewritten puts the caret at the end.)
   */
  const pasteClean = (
    event: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>,
    field: 'title' | 'body',
  ) => {
    const pasted = event.clipboardData.getData('text/plain');
    const cleaned = stripControlCharacters(pasted);
    if (cleaned === pasted) return;
    event.preventDefault();
    const target = event.currentTarget;
    target.setRangeText(cleaned, target.selectionStart ?? 0, target.selectionEnd ?? 0, 'end');
    change({ [field]: stripControlCharacters(target.value) });
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
        onPaste={(event) => pasteClean(event, 'title')}
        onChange={(event) => change({ title: stripControlCharacters(event.target.value) })}
      />
      <label htmlFor="note-body" className="visually-hidden">
        Note text
      </label>
      <textarea
        id="note-body"
        className="editor-body"
        placeholder="Start writing…"
        value={note.body}
        onPaste={(event) => pasteClean(event, 'body')}
        onChange={(event) => change({ body: stripControlCharacters(event.target.value) })}
      />
    </section>
  );
}

import { useCallback, useRef, useState } from 'react';
import type { Note, NotePatch } from '../../../src-shared/notes';
import { useApi } from '../api-context';
import { NoteDraft } from '../note-draft';
import { useApiCall } from './useLatestCall';

/** What a new note shows before it exists: nothing but the fields the editor reads. */
const DRAFT: Note = {
  id: '',
  title: '',
  body: '',
  pinned: false,
  createdAt: 0,
  updatedAt: 0,
  trashedAt: null,
};

/**
 * The note an editor shows and how its edits are saved. With `noteId` null it is a draft that
 * reaches the database with its first text (NoteDraft), so notes never written in do not pile
 * up and get backed up (issue #14). `noteId` is read once: the editor is keyed by the note (or
 * the draft) it opened.
 */
export function useEditedNote(
  noteId: string | null,
  onCreated: (id: string) => void,
  onError: (error: unknown) => void,
) {
  const api = useApi();
  const [openedId] = useState(noteId);
  const loaded = useApiCall(
    (a) => (openedId === null ? null : a.notes.get({ id: openedId })),
    [openedId],
    onError,
  );
  // What is typed, ahead of what is saved.
  const [edited, setEdited] = useState<Note | null>(null);
  const note = edited ?? loaded.data ?? (openedId === null ? DRAFT : null);
  // The latest content, read by a save that creates the draft after typing paused.
  const latest = useRef(note);
  latest.current = note;
  const createdCallback = useRef(onCreated);
  createdCallback.current = onCreated;
  const [draft] = useState(() => new NoteDraft(api.notes, openedId, (id) => createdCallback.current(id)));

  const save = useCallback((patch: NotePatch) => draft.save(patch, latest.current ?? DRAFT), [draft]);

  const edit = useCallback((patch: NotePatch) => {
    const current = latest.current;
    if (!current) return;
    const next = { ...current, ...patch };
    latest.current = next;
    setEdited(next);
  }, []);

  const currentId = useCallback(() => draft.id(), [draft]);

  /** As the editor is left, after its last save: a new note emptied again is deleted. */
  const discardIfBlank = useCallback(() => draft.discardIfBlank(latest.current ?? DRAFT), [draft]);

  return { note, save, edit, currentId, discardIfBlank };
}

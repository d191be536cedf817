import { useCallback, useRef, useState } from 'react';
import type { Note, NotePatch } from '../../../src-shared/notes';
import { useApi } from '../api-context';
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

/** Whitespace alone does not make a note worth keeping. */
function isBlank(note: Pick<Note, 'title' | 'body'>): boolean {
  return note.title.trim() === '' && note.body.trim() === '';
}

/**
 * The note an editor shows and how its edits are saved. With `noteId` null it is a draft: it
 * lives only here until an edit leaves text in its title or body, which creates it with all of
 * its content; later edits update it. A draft left blank never reaches the database, so
 * notes that were never written in do not pile up and get backed up (issue #14).
 * `noteId` is read once: the editor is keyed by the note (or the draft) it opened.
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
  // The note's id, once known; a save that waits for the creation gets it from here.
  const created = useRef<Promise<string> | null>(openedId === null ? null : Promise.resolve(openedId));
  const createdCallback = useRef(onCreated);
  createdCallback.current = onCreated;

  /** Saves a patch; resolves null when a blank draft had nothing to save. */
  const save = useCallback(
    async (patch: NotePatch): Promise<Note | null> => {
      if (created.current === null) {
        const content = latest.current ?? DRAFT;
        if (isBlank(content)) return null;
        const creating = api.notes.create({
          title: content.title,
          body: content.body,
          pinned: content.pinned,
        });
        created.current = creating.then((made) => made.id);
        try {
          const made = await creating;
          createdCallback.current(made.id);
          return made;
        } catch (error) {
          // The next edit tries again, with all of the content.
          created.current = null;
          throw error;
        }
      }
      const id = await created.current;
      return api.notes.update({ id, patch });
    },
    [api],
  );

  const edit = useCallback((patch: NotePatch) => {
    const current = latest.current;
    if (!current) return;
    const next = { ...current, ...patch };
    latest.current = next;
    setEdited(next);
  }, []);

  /** The note's id, or null for a draft that was never created. */
  const currentId = useCallback(async () => (created.current === null ? null : created.current), []);

  return { note, save, edit, currentId };
}

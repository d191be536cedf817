import { useState } from 'react';
import type { Note } from '../../../src-shared/notes';
import { NoteHistoryDialog } from './NoteHistoryDialog';

interface NoteHistoryButtonProps {
  /** Saves what was typed and not saved yet: the history compares with the saved text. */
  flush: () => Promise<unknown>;
  /** The note's id once it exists (a new note has none until its first text is saved). */
  currentId: () => Promise<string | null>;
  /** A version was restored: show the note's new text (main saved it already). */
  onRestored: (note: Note) => void;
  onError: (error: unknown) => void;
}

/** The editor bar's "History…" and the dialog it opens (NoteHistoryDialog). */
export function NoteHistoryButton({ flush, currentId, onRestored, onError }: NoteHistoryButtonProps) {
  // The note whose history is open (null: a new note with none yet); undefined: closed.
  const [historyOf, setHistoryOf] = useState<string | null | undefined>(undefined);
  const open = async () => {
    try {
      await flush();
      setHistoryOf(await currentId());
    } catch (error) {
      onError(error);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void open()}>
        History…
      </button>
      <NoteHistoryDialog
        open={historyOf !== undefined}
        noteId={historyOf ?? null}
        onClose={() => setHistoryOf(undefined)}
        onRestored={onRestored}
        onError={onError}
      />
    </>
  );
}

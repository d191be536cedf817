import type { ClipboardEvent } from 'react';
import { stripControlCharacters } from '../../../src-shared/note-rules';
import type { NotePatch } from '../../../src-shared/notes';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import { useApi } from '../api-context';
import { useAutosave } from '../hooks/useAutosave';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { useDiscardOnLeave } from '../hooks/useDiscardOnLeave';
import { useEditedNote } from '../hooks/useEditedNote';
import { useEditorLayout } from '../hooks/useEditorLayout';
import { useAttachmentDropPaste } from '../attachments/useAttachmentDropPaste';
import { useNoteBodyActions } from '../hooks/useNoteBodyActions';
import { MarkdownEditor } from '../editor/MarkdownEditor';
import { MarkdownView } from '../markdown/MarkdownView';
import { EditorLayoutSwitch } from './EditorLayoutSwitch';
import { NoteHistoryButton } from './NoteHistoryButton';
import { PinIcon } from './PinIcon';
import { SaveIndicator } from './SaveIndicator';
import { TextCount } from './TextCount';

interface EditorProps {
  /** The note to edit, or null for a new note, which exists only once something is typed in it. */
  noteId: string | null;
  /** Put the cursor in the title, for a new note. */
  focusTitle: boolean;
  /** A new note's first text created it. */
  onCreated?: (id: string) => void;
  /** The note went to the trash (its id), or a new note left blank was discarded (null). */
  onTrashed: (id: string | null) => void;
  onError: (error: unknown) => void;
}

const ignoreCreated = () => undefined;

const FORMAT_SETTLE_MS = 200;

/**
 * Pasted text loses its control characters before it lands, at the cursor, so the caret stays
 * where the paste ended. (onChange cleans anything else that brings one in, typed or dropped,
 * but a controlled field whose value is rewritten puts the caret at the end.) The body's editor
 * cleans its own input (editor/strip-controls.ts).
 */
function pasteCleanTitle(event: ClipboardEvent<HTMLInputElement>, change: (patch: NotePatch) => void) {
  const pasted = event.clipboardData.getData('text/plain');
  const cleaned = stripControlCharacters(pasted);
  if (cleaned === pasted) return;
  event.preventDefault();
  const target = event.currentTarget;
  target.setRangeText(cleaned, target.selectionStart ?? 0, target.selectionEnd ?? 0, 'end');
  change({ title: stripControlCharacters(target.value) });
}

/**
 * Title and body of one note, saved as you type: the body in a Markdown editor (CodeMirror, one
 * view and so one undo history per note), beside or instead of the formatted note when the
 * layout says. Mounted with a key per note (or per new note).
 */
export function Editor({ noteId, focusTitle, onCreated = ignoreCreated, onTrashed, onError }: EditorProps) {
  const api = useApi();
  const { note, save, edit, currentId, discardIfBlank } = useEditedNote(noteId, onCreated, onError);
  const { status, schedule, flush } = useAutosave(save, onError);
  useDiscardOnLeave(flush, discardIfBlank, onError);
  const { layout, setLayout } = useEditorLayout(onError);
  const attachmentDropPaste = useAttachmentDropPaste(onError);
  const { editorView, openLink, toggleTask } = useNoteBodyActions(onError);
  // The formatted note follows once typing pauses: parsing is linear in the text.
  const formattedText = useDebouncedValue(note?.body ?? '', FORMAT_SETTLE_MS);

  if (!note) return <p className="editor-placeholder">Loading note…</p>;

  const change = (patch: NotePatch) => {
    edit(patch);
    schedule(patch);
  };

  const moveToTrash = async () => {
    try {
      // Save pending edits first: a trashed note is read-only.
      await flush();
      const id = await currentId();
      if (id !== null) await api.notes.trash({ id });
      onTrashed(id);
    } catch (error) {
      onError(error);
    }
  };

  return (
    <section className="editor" aria-label="Editor">
      <div className="editor-bar">
        <SaveIndicator status={status} />
        <TextCount text={note.body} />
        <EditorLayoutSwitch layout={layout} onChange={setLayout} />
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
        {/* A restored version is shown, not saved again: main wrote it already. */}
        <NoteHistoryButton flush={flush} currentId={currentId} onRestored={edit} onError={onError} />
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
        onPaste={(event) => pasteCleanTitle(event, change)}
        onChange={(event) => change({ title: stripControlCharacters(event.target.value) })}
      />
      <div className={`editor-panes editor-${layout}`}>
        {/* Hidden, not unmounted, in the reading layout: the note keeps its undo history. */}
        <MarkdownEditor
          text={note.body}
          hidden={layout === 'read'}
          viewRef={editorView}
          onChange={(body) => change({ body })}
          onOpenLink={openLink}
          extensions={attachmentDropPaste}
        />
        {layout !== 'edit' && (
          // A Tab stop of its own: it scrolls, and may hold nothing else to focus.
          <section className="reading-view" aria-label="Formatted note" tabIndex={0}>
            <MarkdownView text={formattedText} onToggleTask={toggleTask} onOpenLink={openLink} />
          </section>
        )}
      </div>
    </section>
  );
}

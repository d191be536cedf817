import { StateEffect, StateField } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { refusalError } from './add-attachments';
import type { AddedAttachments } from './add-attachments';

/**
 * Files pasted or dropped into the note text become attachments: the files go to main (which
 * may take a moment for a large photo) and their Markdown lands where the cursor was for a
 * paste, or where the pointer let go for a drop, however the text moved meanwhile. A paste
 * that also carries plain text (a spreadsheet's cells come with a picture of them) stays text.
 */
export interface AttachmentDropPasteOptions {
  /** Stores the files in main and returns their Markdown and any refusals (addAttachments). */
  add: (files: File[]) => Promise<AddedAttachments>;
  /** One error naming every file that was not stored (each in its sentence), or a failure adding them. */
  onRefused: (error: unknown) => void;
}

interface Pending {
  id: number;
  pos: number;
}

const addPending = StateEffect.define<Pending>();
const removePending = StateEffect.define<number>();

/** Where each upload in flight will insert its Markdown, moved along with every edit. */
const pendingInserts = StateField.define<ReadonlyMap<number, number>>({
  create: () => new Map(),
  update(value, tr) {
    let next = value;
    if (tr.docChanged && value.size > 0) {
      next = new Map([...value].map(([id, pos]) => [id, tr.changes.mapPos(pos)]));
    }
    for (const effect of tr.effects) {
      if (effect.is(addPending)) next = new Map(next).set(effect.value.id, effect.value.pos);
      else if (effect.is(removePending)) {
        const without = new Map(next);
        without.delete(effect.value);
        next = without;
      }
    }
    return next;
  },
});

let nextId = 1;

/** The files a paste should attach: none when it carries plain text too. */
export function pastedFiles(data: DataTransfer | null): File[] {
  if (!data || data.files.length === 0 || data.getData('text/plain') !== '') return [];
  return [...data.files];
}

export function attachmentDropPaste(options: AttachmentDropPasteOptions): Extension {
  const start = (view: EditorView, files: File[], pos: number) => {
    const id = nextId++;
    view.dispatch({ effects: addPending.of({ id, pos }) });
    void options.add(files).then(
      ({ markdown, refused }) => {
        const refusal = refusalError(refused);
        if (refusal) options.onRefused(refusal);
        finish(view, id, markdown);
      },
      (error: unknown) => {
        options.onRefused(error);
        finish(view, id, '');
      },
    );
  };
  return [
    pendingInserts,
    EditorView.domEventHandlers({
      paste: (event, view) => {
        const files = pastedFiles(event.clipboardData);
        if (files.length === 0) return false;
        event.preventDefault();
        const { from, to } = view.state.selection.main;
        // The selection is replaced, as a text paste would replace it.
        if (to > from) view.dispatch({ changes: { from, to }, userEvent: 'delete.cut' });
        start(view, files, from);
        return true;
      },
      drop: (event, view) => {
        const files = event.dataTransfer ? [...event.dataTransfer.files] : [];
        if (files.length === 0) return false;
        event.preventDefault();
        const pos =
          view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
        start(view, files, pos);
        return true;
      },
    }),
  ];
}

function finish(view: EditorView, id: number, markdown: string): void {
  // The note was closed meanwhile: its editor is gone, and the text with it.
  if (!view.dom.isConnected) return;
  const pos = view.state.field(pendingInserts, false)?.get(id);
  if (pos === undefined) return;
  if (markdown === '') {
    view.dispatch({ effects: removePending.of(id) });
    return;
  }
  view.dispatch({
    changes: { from: pos, insert: markdown },
    selection: { anchor: pos + markdown.length },
    effects: removePending.of(id),
    userEvent: 'input.paste',
    scrollIntoView: true,
  });
}

import { EditorState, Transaction } from '@codemirror/state';
import type { ChangeSpec } from '@codemirror/state';
import { stripControlCharacters } from '../../../src-shared/note-rules';

/**
 * Typed, pasted or dropped text loses its control characters before it lands (the rule of
 * src-shared/note-rules.ts), so a stray one from a PDF or a terminal never makes a save fail.
 * The cursor ends after what was inserted, as it would have.
 */
export const stripControls = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged) return tr;
  let dirty = false;
  tr.changes.iterChanges((_fromA, _toA, _fromB, _toB, inserted) => {
    if (!dirty && stripControlCharacters(inserted.toString()) !== inserted.toString()) dirty = true;
  });
  if (!dirty) return tr;
  const changes: ChangeSpec[] = [];
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    changes.push({ from: fromA, to: toA, insert: stripControlCharacters(inserted.toString()) });
  });
  const cleaned = tr.startState.changes(changes);
  return {
    changes: cleaned,
    selection: tr.startState.selection.map(cleaned, 1),
    scrollIntoView: tr.scrollIntoView,
    userEvent: tr.annotation(Transaction.userEvent),
  };
});

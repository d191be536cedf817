import { EditorState } from '@codemirror/state';
import type { ChangeSpec } from '@codemirror/state';
import { stripControlCharacters } from '../../../src-shared/note-rules';

/**
 * Typed, pasted or dropped text loses its control characters before it lands (the rule of
 * src-shared/note-rules.ts), so a stray one from a PDF or a terminal never makes a save fail.
 * The removal follows the edit in the same transaction, so the cursor ends where it would
 * have, minus what was left out, and one undo takes back both.
 */
export const stripControls = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged) return tr;
  const removals: ChangeSpec[] = [];
  tr.changes.iterChanges((_fromA, _toA, fromB, _toB, inserted) => {
    const text = inserted.toString();
    if (stripControlCharacters(text) === text) return;
    for (let i = 0; i < text.length; i++) {
      if (stripControlCharacters(text[i] as string) === '')
        removals.push({ from: fromB + i, to: fromB + i + 1 });
    }
  });
  return removals.length === 0 ? tr : [tr, { changes: removals, sequential: true }];
});

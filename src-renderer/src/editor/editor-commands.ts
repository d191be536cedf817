import { EditorSelection } from '@codemirror/state';
import type { ChangeSpec, EditorState } from '@codemirror/state';
import type { Command, EditorView } from '@codemirror/view';
import { toggleTaskLine } from '../../../src-shared/markdown/checklist';
import { toggleListLines } from '../../../src-shared/markdown/list-lines';
import type { ListKind } from '../../../src-shared/markdown/list-lines';
import { insertLink, toggleEmphasis } from '../../../src-shared/markdown/wrap-selection';
import type { Emphasis, TextEdit } from '../../../src-shared/markdown/wrap-selection';

/**
 * The editor's Markdown commands: each one the pure transform from src-shared/markdown applied
 * to the main selection, as one undoable step.
 */

function applyEdit(view: EditorView, edit: TextEdit, userEvent: string): void {
  view.dispatch({
    changes: edit.changes,
    selection: EditorSelection.single(edit.selection.anchor, edit.selection.head),
    scrollIntoView: true,
    userEvent,
  });
}

/** Ctrl/Cmd+B and I. */
export function emphasisCommand(marker: Emphasis): Command {
  return (view) => {
    const { from, to } = view.state.selection.main;
    applyEdit(view, toggleEmphasis(view.state.doc.toString(), from, to, marker), 'input.format');
    return true;
  };
}

/** Ctrl/Cmd+K. */
export const linkCommand: Command = (view) => {
  const { from, to } = view.state.selection.main;
  applyEdit(view, insertLink(view.state.doc.toString(), from, to), 'input.format');
  return true;
};

/** The whole lines the main selection touches. */
function selectedLines(state: EditorState): { from: number; to: number } {
  const { from, to } = state.selection.main;
  return { from: state.doc.lineAt(from).from, to: state.doc.lineAt(to).to };
}

/** Shift+Ctrl/Cmd+7, 8 and 9: the selected lines become that kind of list, or stop being one. */
export function listCommand(kind: ListKind): Command {
  return (view) => {
    const range = selectedLines(view.state);
    const before = view.state.sliceDoc(range.from, range.to);
    const after = toggleListLines(before.split('\n'), kind).join('\n');
    if (after === before) return true;
    const cursor = range.from + after.length;
    view.dispatch({
      changes: { from: range.from, to: range.to, insert: after },
      selection: view.state.selection.main.empty
        ? EditorSelection.cursor(cursor)
        : EditorSelection.single(range.from, cursor),
      scrollIntoView: true,
      userEvent: 'input.format',
    });
    return true;
  };
}

/** The change that toggles the checklist item on the line at `pos`, or null when there is none. */
export function toggleTaskChange(state: EditorState, pos: number): ChangeSpec | null {
  const line = state.doc.lineAt(pos);
  const toggled = toggleTaskLine(line.text);
  return toggled === null ? null : { from: line.from, to: line.to, insert: toggled };
}

/** Ctrl/Cmd+Enter: toggles the checklist item on each selected line (false elsewhere, so Enter's default runs). */
export const toggleTaskCommand: Command = (view) => {
  const { state } = view;
  const changes: ChangeSpec[] = [];
  const range = selectedLines(state);
  for (let pos = range.from; pos <= range.to;) {
    const line = state.doc.lineAt(pos);
    const change = toggleTaskChange(state, line.from);
    if (change) changes.push(change);
    pos = line.to + 1;
  }
  if (changes.length === 0) return false;
  // The box changes one character for another, so the selection stays where it was.
  view.dispatch({ changes, userEvent: 'input.toggle' });
  return true;
};

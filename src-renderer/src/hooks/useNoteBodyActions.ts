import type { EditorView } from '@codemirror/view';
import { useRef } from 'react';
import { useApi } from '../api-context';
import { toggleTaskChange } from '../editor/editor-commands';

/**
 * What the editor and the formatted note do besides typing: open a link (main decides whether
 * the address opens, links:open; a refusal says why in the error banner) and toggle a checklist
 * item from the formatted note, through the editor so Ctrl+Z undoes it.
 */
export function useNoteBodyActions(onError: (error: unknown) => void) {
  const api = useApi();
  const editorView = useRef<EditorView | null>(null);

  const openLink = (address: string) => {
    api.links.open({ url: address }).catch(onError);
  };

  const toggleTask = (line: number) => {
    const view = editorView.current;
    if (!view || line > view.state.doc.lines) return;
    const change = toggleTaskChange(view.state, view.state.doc.line(line).from);
    if (change) view.dispatch({ changes: change, userEvent: 'input.toggle' });
  };

  return { editorView, openLink, toggleTask };
}

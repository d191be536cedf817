import './codemirror-base.css';
import './markdown.css';
import { EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { isTameForEditor } from '../../../src-shared/markdown/markdown-parse-guard';
import { fromOutside, noteEditorExtensions } from './note-editor-extensions';

interface MarkdownEditorProps {
  /**
   * The note's text. The editor starts with it and reports every change through onChange; a
   * text that arrives otherwise (a restored version) replaces the editor's, as one undoable step that is
   * not reported back.
   */
  text: string;
  onChange: (text: string) => void;
  onOpenLink: (address: string) => void;
  /** Set while mounted, for the reading view's checkboxes, which edit through the same undo history. */
  viewRef: RefObject<EditorView | null>;
  hidden: boolean;
  /** More of the editor (attachments' paste and drop); the same value for the editor's life. */
  extensions?: Extension;
}

// One value, so an editor given no extensions is not rebuilt on every render.
const NO_EXTENSIONS: Extension = [];

/** One note's CodeMirror editor. */
export function MarkdownEditor({
  text,
  onChange,
  onOpenLink,
  viewRef,
  hidden,
  extensions = NO_EXTENSIONS,
}: MarkdownEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onChange, onOpenLink });
  callbacks.current = { onChange, onOpenLink };
  // The text the editor last reported or was given: anything else came from outside.
  const known = useRef(text);
  const [initial] = useState(text);

  useEffect(() => {
    const parent = host.current;
    if (!parent) return undefined;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial,
        extensions: [
          extensions,
          noteEditorExtensions(
            {
              onChange: (changed) => {
                known.current = changed;
                callbacks.current.onChange(changed);
              },
              onOpenLink: (address) => callbacks.current.onOpenLink(address),
            },
            isTameForEditor(initial),
          ),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      viewRef.current = null;
      view.destroy();
    };
  }, [initial, viewRef, extensions]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || text === known.current) return;
    known.current = text;
    if (text !== view.state.doc.toString()) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: fromOutside.of(true),
      });
    }
  }, [text, viewRef]);

  return <div ref={host} className="editor-body" hidden={hidden} />;
}

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { syntaxHighlighting } from '@codemirror/language';
import { languages } from '@codemirror/language-data';
import { Annotation, Prec } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { codeHighlighter, markdownHighlighter } from './highlight-classes';
import { emphasisCommand, linkCommand, listCommand, toggleTaskCommand } from './editor-commands';
import { linkAddressAt } from './link-at';
import { liveDecorations } from './live-decorations';
import { stripControls } from './strip-controls';

export interface NoteEditorCallbacks {
  /** The whole text after each change. */
  onChange: (text: string) => void;
  /** A link's address, Ctrl/Cmd+clicked: main decides whether it opens. */
  onOpenLink: (address: string) => void;
}

/** Marks a change that brings in text saved elsewhere (a restored version): shown, not reported as an edit. */
export const fromOutside = Annotation.define<boolean>();

export const PLACEHOLDER = 'Start writing… (Ctrl+E comes back here)';

const markdownStyling: Extension[] = [
  // GFM (tables, task lists, strikethrough, bare addresses); fenced code highlighted by the
  // language its info string names, each language's parser fetched the first time it is needed.
  markdown({ base: markdownLanguage, codeLanguages: languages, completeHTMLTags: false }),
  syntaxHighlighting(markdownHighlighter),
  syntaxHighlighting(codeHighlighter),
  liveDecorations,
];

const isMac = () => navigator.platform.startsWith('Mac');

/**
 * Everything one note's editor is made of. Each note gets its own EditorView (the editor is
 * mounted with a key per note), so undo history never crosses from one note to another.
 */
export function noteEditorExtensions(callbacks: NoteEditorCallbacks, styled = true): Extension[] {
  return [
    history(),
    EditorView.lineWrapping,
    // Unstyled for a note built to make the Markdown parser crawl (isTameForEditor): it stays editable.
    styled ? markdownStyling : [],
    stripControls,
    placeholder(PLACEHOLDER),
    EditorView.contentAttributes.of({
      id: 'note-body',
      'aria-label': 'Note text',
      'aria-placeholder': PLACEHOLDER,
      'aria-keyshortcuts': 'Control+E Meta+E',
      spellcheck: 'true',
    }),
    // Ahead of the default keys: Mod-i there selects the enclosing syntax, Mod-Enter adds a line.
    Prec.high(
      keymap.of([
        { key: 'Mod-b', run: emphasisCommand('**') },
        { key: 'Mod-i', run: emphasisCommand('*') },
        { key: 'Mod-k', run: linkCommand },
        { key: 'Shift-Mod-7', run: listCommand('numbered') },
        { key: 'Shift-Mod-8', run: listCommand('bullet') },
        { key: 'Shift-Mod-9', run: listCommand('checklist') },
        { key: 'Mod-Enter', run: toggleTaskCommand },
      ]),
    ),
    keymap.of([...historyKeymap, ...defaultKeymap]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromOutside))) {
        callbacks.onChange(update.state.doc.toString());
      }
    }),
    EditorView.domEventHandlers({
      mousedown: (event, view) => {
        if (event.button !== 0 || !(isMac() ? event.metaKey : event.ctrlKey)) return false;
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        const address = pos === null ? null : linkAddressAt(view.state, pos);
        if (address === null) return false;
        event.preventDefault();
        callbacks.onOpenLink(address);
        return true;
      },
    }),
  ];
}

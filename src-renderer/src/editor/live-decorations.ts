import { syntaxTree } from '@codemirror/language';
import type { Range } from '@codemirror/state';
import { Decoration, ViewPlugin, WidgetType } from '@codemirror/view';
import type { DecorationSet, EditorView, ViewUpdate } from '@codemirror/view';
import { toggleTaskChange } from './editor-commands';

/**
 * What token classes alone cannot show: whole code-block lines (monospaced on their own
 * background, whatever language highlights them), quote and table lines, and a real checkbox in
 * place of a checklist item's `[ ]` that toggles it when clicked. Built for the visible part of
 * the note only, so a long note costs what fits on the screen.
 */

class CheckboxWidget extends WidgetType {
  constructor(readonly checked: boolean) {
    super();
  }

  override eq(other: CheckboxWidget): boolean {
    return other.checked === this.checked;
  }

  toDOM(): HTMLElement {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = this.checked;
    box.className = 'md-checkbox';
    // Keyboard users toggle with Ctrl+Enter in the text; the box is for the mouse.
    box.tabIndex = -1;
    box.setAttribute('aria-label', this.checked ? 'Done' : 'Not done');
    return box;
  }

  // The editor must not treat a click on the box as placing the cursor.
  override ignoreEvent(): boolean {
    return false;
  }
}

const codeLine = Decoration.line({ class: 'md-codeblock' });
const quoteLine = Decoration.line({ class: 'md-quoteline' });
const tableLine = Decoration.line({ class: 'md-tableline' });
const LINE_CLASSES: Record<string, Decoration> = {
  FencedCode: codeLine,
  CodeBlock: codeLine,
  Blockquote: quoteLine,
  Table: tableLine,
};

function build(view: EditorView): DecorationSet {
  const found: Range<Decoration>[] = [];
  const { state } = view;
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(state).iterate({
      from,
      to,
      enter: (node) => {
        const line = LINE_CLASSES[node.name];
        if (line) {
          const first = state.doc.lineAt(Math.max(node.from, from)).number;
          const last = state.doc.lineAt(Math.min(node.to, to)).number;
          for (let n = first; n <= last; n++) found.push(line.range(state.doc.line(n).from));
        }
        if (node.name === 'TaskMarker') {
          const checked = state.sliceDoc(node.from + 1, node.to - 1).toLowerCase() === 'x';
          found.push(Decoration.replace({ widget: new CheckboxWidget(checked) }).range(node.from, node.to));
        }
      },
    });
  }
  return Decoration.set(found, true);
}

function toggleAt(view: EditorView, pos: number): boolean {
  const change = toggleTaskChange(view.state, pos);
  if (!change) return false;
  view.dispatch({ changes: change, userEvent: 'input.toggle' });
  return true;
}

export const liveDecorations = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(update: ViewUpdate) {
      if (
        update.docChanged ||
        update.viewportChanged ||
        syntaxTree(update.startState) !== syntaxTree(update.state)
      ) {
        this.decorations = build(update.view);
      }
    }
  },
  {
    decorations: (plugin) => plugin.decorations,
    eventHandlers: {
      mousedown: (event, view) => {
        const target = event.target;
        if (!(target instanceof HTMLInputElement) || !target.classList.contains('md-checkbox')) return false;
        event.preventDefault();
        return toggleAt(view, view.posAtDOM(target));
      },
    },
  },
);

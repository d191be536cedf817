import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { toggleTaskChange } from './editor-commands';
import { linkAddressAt } from './link-at';
import { stripControls } from './strip-controls';

// The editor's state-level pieces, on a real EditorState with the Markdown language (no view).
function stateOf(doc: string): EditorState {
  const state = EditorState.create({
    doc,
    extensions: [markdown({ base: markdownLanguage }), stripControls],
  });
  ensureSyntaxTree(state, state.doc.length, 5000);
  return state;
}

describe('the link under the pointer', () => {
  const doc = 'see [docs](https://example.com/d) or <https://example.org> or www.example.net and plain';
  const state = stateOf(doc);
  const at = (text: string) => linkAddressAt(state, doc.indexOf(text) + 1);

  it('is the address of an inline link, from its text or its address', () => {
    expect(at('docs')).toBe('https://example.com/d');
    expect(at('example.com/d')).toBe('https://example.com/d');
  });

  it('is the address of an autolink and of a bare address', () => {
    expect(at('example.org')).toBe('https://example.org');
    expect(at('www.example.net')).toBe('www.example.net');
  });

  it('is nothing in plain text', () => {
    expect(at('plain')).toBeNull();
  });
});

describe('toggling the checklist item on a line', () => {
  it('changes only the box, and nothing on other lines', () => {
    const state = stateOf('- [ ] milk\nplain');
    const change = toggleTaskChange(state, 3);
    expect(state.update({ changes: change ?? [] }).state.doc.toString()).toBe('- [x] milk\nplain');
    expect(toggleTaskChange(state, 12)).toBeNull();
  });
});

describe('control characters typed or pasted', () => {
  it('are left out, and the cursor ends after what was inserted', () => {
    const state = stateOf('ab');
    const next = state.update({
      changes: { from: 1, insert: 'x\u0000y\u0002\tz' },
      selection: { anchor: 7 },
    }).state;
    expect(next.doc.toString()).toBe('axy\tzb');
    expect(next.selection.main.head).toBe(5);
  });

  it('leave clean input alone', () => {
    const state = stateOf('ab');
    const tr = state.update({ changes: { from: 2, insert: 'c\nd' } });
    expect(tr.state.doc.toString()).toBe('abc\nd');
  });
});

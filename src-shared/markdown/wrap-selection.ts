/**
 * Bold, italic and link around a selection (Ctrl/Cmd+B, I, K), as text edits the editor
 * applies. Pure: the editor passes the text and the selection and dispatches the result.
 */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export interface TextEdit {
  changes: TextChange[];
  /** The selection afterwards, in the changed text. */
  selection: { anchor: number; head: number };
}

export type Emphasis = '**' | '*';

function runOf(text: string, at: number, step: 1 | -1, char: string): number {
  let count = 0;
  for (let i = step === 1 ? at : at - 1; i >= 0 && i < text.length && text[i] === char; i += step) count++;
  return count;
}

/**
 * Wraps `from..to` in `marker`, or unwraps it when the markers are already there, either just
 * outside the selection or its first and last characters. `*` and `**` are told apart by the
 * length of the run (`***both***` holds both), so Ctrl+I inside bold adds italics.
 */
export function toggleEmphasis(text: string, from: number, to: number, marker: Emphasis): TextEdit {
  const n = marker.length;
  const fits = (run: number) => run === n || run === 3;
  const before = runOf(text, from, -1, '*');
  const after = runOf(text, to, 1, '*');
  if (fits(before) && fits(after)) {
    return {
      changes: [
        { from: from - n, to: from, insert: '' },
        { from: to, to: to + n, insert: '' },
      ],
      selection: { anchor: from - n, head: to - n },
    };
  }
  const selected = text.slice(from, to);
  const inner = selected.length >= 2 * n + 1 ? selected.slice(n, -n) : null;
  if (
    inner !== null &&
    fits(runOf(selected, 0, 1, '*')) &&
    fits(runOf(selected, selected.length, -1, '*')) &&
    inner.trim() !== ''
  ) {
    return { changes: [{ from, to, insert: inner }], selection: { anchor: from, head: from + inner.length } };
  }
  return {
    changes: [{ from, to, insert: `${marker}${selected}${marker}` }],
    selection: { anchor: from + n, head: to + n },
  };
}

const LOOKS_LIKE_URL = /^(?:https?:\/\/|mailto:)\S+$/i;

/**
 * A link around the selection: `[text]()` with the cursor where the address goes, or, when the
 * selection is itself an address, `[](address)` with the cursor where the text goes.
 */
export function insertLink(text: string, from: number, to: number): TextEdit {
  const selected = text.slice(from, to);
  if (LOOKS_LIKE_URL.test(selected)) {
    return {
      changes: [{ from, to, insert: `[](${selected})` }],
      selection: { anchor: from + 1, head: from + 1 },
    };
  }
  const cursor = from + selected.length + 3;
  return { changes: [{ from, to, insert: `[${selected}]()` }], selection: { anchor: cursor, head: cursor } };
}

/**
 * The one guard in front of the Markdown parser (mdast-util-from-markdown with micromark), for
 * the reading view, the list previews and import alike. The parser is far from linear on some
 * shapes, measured here: a paragraph inside 2,000 nested list items took 5 s and 8,000 took
 * 80 s then overflowed the stack; 16,000 items of one flat list 5 s; 8,000 lines of 32 nested
 * items 140 s; 12,000 alternating `*a_` in one paragraph 2 s, 60,000 took 56 s; 256 KiB of
 * ordinary formatted prose 4 s. Within these limits the worst shapes measured take about 1 s
 * (64 KiB of blocks of 500 emphasis runs; 4,000 list items), ordinary notes far less. Text past any limit below is not parsed: its callers show it
 * as plain text (or, in import, find links by pattern). The checks are one linear pass.
 */
export const MARKDOWN_PARSE_LIMITS = {
  /** Longer text is not parsed at all (about 0.5 s of ordinary notes; a 16 MiB note would take minutes). */
  maxChars: 64 * 1024,
  /** Characters of list and quote markers (and their spaces) before a line's text: its nesting. */
  maxContainerPrefix: 64,
  /** List and quote markers in the whole text: list items cost more the more there are. */
  maxContainerMarkers: 4000,
  /** `[` in one block (text between blank lines): links and images are matched against each other. */
  maxBracketsPerBlock: 1000,
  /** Runs of `*`, `_`, `~` or `` ` `` in one block: emphasis and code spans are matched in pairs. */
  maxDelimiterRunsPerBlock: 500,
} as const;

const CONTAINER_PREFIX = /^[ \t>*+\-\d.)]*/;
// A `[`, or a run of one emphasis or code character (`*_` is two runs).
const PAIRED = /\[|([*_~`])\1*/g;

/**
 * True when the parser can be given `text` without the cost running away; false means show it
 * as plain text. Checked before anything else: the length, so a 16 MiB note costs nothing.
 */
export function isTameMarkdown(text: string): boolean {
  return text.length <= MARKDOWN_PARSE_LIMITS.maxChars && blocksAreTame(text, true);
}

/**
 * The same check for the editor's own parser (lezer, in CodeMirror), which parses a block at a
 * time between frames, so neither a long note nor many list items slow it (a 16 MiB note, 16,000
 * items: well under a frame a step). But a block's inline text is one step, and pairing is
 * quadratic there too: one paragraph of 20,000 `[a](` took 4.6 s, 20,000 `*a_` 2.5 s. Such a note
 * is edited without Markdown styling.
 */
export function isTameForEditor(text: string): boolean {
  return blocksAreTame(text, false);
}

function blocksAreTame(text: string, countMarkers: boolean): boolean {
  const limits = MARKDOWN_PARSE_LIMITS;
  let markers = 0;
  let brackets = 0;
  let runs = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      // A paragraph never spans a blank line, so the pairing work starts again after one.
      brackets = 0;
      runs = 0;
      continue;
    }
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    if (prefix.length > limits.maxContainerPrefix) return false;
    if (countMarkers) {
      // Each marker is one character: `>`, `-`, `*`, `+`, or the `.`/`)` after an ordered item's number.
      for (const c of prefix) if (c !== ' ' && c !== '\t' && (c < '0' || c > '9')) markers++;
      if (markers > limits.maxContainerMarkers) return false;
    }
    for (const [found] of line.matchAll(PAIRED)) {
      if (found === '[' ? ++brackets > limits.maxBracketsPerBlock : ++runs > limits.maxDelimiterRunsPerBlock)
        return false;
    }
  }
  return true;
}

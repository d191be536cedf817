/**
 * Turns what a person typed into an FTS5 MATCH expression that cannot be a syntax error.
 *
 * Every whitespace-separated word becomes a quoted string ("" escapes a quote inside), so
 * AND, OR, NOT, NEAR, parentheses, `*`, `-` and `:` lose their FTS5 meaning and are
 * searched as text. Quoted strings are ANDed; the last one gets `*` so results appear
 * while the last word is still being typed. A word with no letter or digit would be a
 * phrase of zero tokens, which matches nothing and would make the whole AND fail, so it is
 * dropped. Returns null when nothing searchable is left.
 */
export function toFtsMatchExpression(text: string): string | null {
  const words = text.split(/\s+/u).filter((word) => TOKEN_CHARACTER.test(word));
  if (words.length === 0) return null;
  const last = words.length - 1;
  return words.map((word, index) => `"${word.replaceAll('"', '""')}"${index === last ? '*' : ''}`).join(' ');
}

/** The characters FTS5's unicode61 tokenizer keeps by default: letters, numbers, private use. */
const TOKEN_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

import { createHash } from 'node:crypto';

/**
 * Rules a backup's rows must keep that the schema cannot say, checked on every row a restore or
 * a browse copies (and by the check before the safety backup). Returns what is wrong with a
 * row, or null. `columns` are the quoted names in the order the row's values come.
 */
export type RowRule = (row: readonly unknown[]) => string | null;

/** The rule for `table`'s rows, or null when it has none beyond its schema. */
export function rowRuleFor(table: string, columns: readonly string[]): RowRule | null {
  if (table !== 'attachments') return null;
  const hashAt = columns.indexOf('"sha256"');
  const dataAt = columns.indexOf('"data"');
  if (hashAt < 0 || dataAt < 0) return null;
  // Content addressing: an attachment's name is the SHA-256 of its bytes. Notes refer to it by
  // that hash and the app stores a pasted file once under it, so a row whose bytes hash to
  // something else would show other bytes than the note names, or be shared by notes that
  // never had them.
  return (row) => {
    const sha256 = row[hashAt];
    const data = row[dataAt];
    // A value of the wrong type is the schema's to refuse (STRICT), with SQLite's own words.
    if (typeof sha256 !== 'string' || !Buffer.isBuffer(data)) return null;
    const actual = createHash('sha256').update(data).digest('hex');
    return actual === sha256
      ? null
      : `an attachment named ${sha256.slice(0, 80)} holds bytes whose SHA-256 is ${actual}`;
  };
}

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toFtsMatchExpression } from './fts-query';

describe('toFtsMatchExpression', () => {
  it('quotes every word and adds prefix matching to the last one', () => {
    expect(toFtsMatchExpression('foo bar')).toBe('"foo" "bar"*');
    expect(toFtsMatchExpression('  single  ')).toBe('"single"*');
  });

  it('escapes double quotes by doubling them', () => {
    expect(toFtsMatchExpression('say "hi"')).toBe('"say" """hi"""*');
  });

  it('keeps operators as plain text', () => {
    expect(toFtsMatchExpression('a AND (b OR c) NOT d* -e title:x')).toBe(
      '"a" "AND" "(b" "OR" "c)" "NOT" "d*" "-e" "title:x"*',
    );
  });

  it('drops words with no letter or digit and returns null when nothing is left', () => {
    expect(toFtsMatchExpression('foo - * ()')).toBe('"foo"*');
    expect(toFtsMatchExpression('')).toBeNull();
    expect(toFtsMatchExpression('   \n\t ')).toBeNull();
    expect(toFtsMatchExpression('😀 — ** "')).toBeNull();
  });

  it('keeps non-Latin words', () => {
    expect(toFtsMatchExpression('привет 東京 ελληνικά')).toBe('"привет" "東京" "ελληνικά"*');
  });

  it('always produces an expression FTS5 accepts', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE f USING fts5(title, body); INSERT INTO f VALUES ('a', 'b')");
    const match = db.prepare('SELECT count(*) FROM f WHERE f MATCH ?').pluck();
    const nasty = [
      '"',
      '""',
      '"*',
      'a"b',
      'NEAR(a b)',
      'a:b',
      '^a',
      '+',
      'a + b',
      '{title}: x',
      'x OR',
      'AND',
      '\\',
      "'",
      '%_',
    ];
    for (const text of nasty) {
      const expression = toFtsMatchExpression(text);
      if (expression !== null) expect(() => match.get(expression), text).not.toThrow();
    }
    db.close();
  });
});

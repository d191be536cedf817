import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  isSameOrNestedUnder,
  leafOf,
  normalizeTagName,
  renamedTagName,
  sameTag,
  TAG_LIMITS,
  tagKey,
  tagName,
  tagNameList,
  tagNameProblem,
} from './tag-rules';

function problemOf(raw: string): string | undefined {
  return tagNameProblem(normalizeTagName(raw));
}

describe('tag names', () => {
  it('are trimmed around the whole name and around each segment', () => {
    expect(normalizeTagName('  work  ')).toBe('work');
    expect(normalizeTagName(' work / projects ')).toBe('work/projects');
    expect(tagName.parse('\tReading list ')).toBe('Reading list');
    expect(tagName.safeParse(' work/ ').error?.issues[0]?.message).toMatch(/cannot start or end with/);
  });

  it('refuses empty names and empty segments, a leading or trailing "/" included', () => {
    expect(problemOf('   ')).toMatch(/cannot be empty/);
    for (const bad of ['/work', 'work/', 'work//x', 'work/ /x', '/']) {
      expect(problemOf(bad), bad).toMatch(/cannot start or end with "\/" or have two in a row/);
    }
    expect(problemOf('work/projects/2026')).toBeUndefined();
  });

  it('holds names to their length in characters, an emoji as one', () => {
    expect(problemOf('😀'.repeat(TAG_LIMITS.nameMaxChars))).toBeUndefined();
    expect(problemOf('a'.repeat(TAG_LIMITS.nameMaxChars + 1))).toMatch(
      /at most 200 characters; this one is 201/,
    );
    expect(tagName.safeParse('a'.repeat(10_000)).success).toBe(false);
  });

  it('holds nesting to its depth', () => {
    expect(problemOf(Array(TAG_LIMITS.depthMax).fill('x').join('/'))).toBeUndefined();
    expect(
      problemOf(
        Array(TAG_LIMITS.depthMax + 1)
          .fill('x')
          .join('/'),
      ),
    ).toMatch(/at most 10 levels/);
  });

  it('refuses control characters, line breaks and broken characters', () => {
    for (const bad of ['a\u0000b', 'a\u0002', 'a\u007fb', 'a\u0085b', 'a\nb', 'a\u2028b', 'a\tb']) {
      expect(problemOf(bad), JSON.stringify(bad)).toMatch(/control characters or line breaks/);
    }
    expect(problemOf('a\uD83D')).toMatch(/broken character/);
    expect(tagName.safeParse(42).error?.issues[0]?.message).toBe('A tag name must be text.');
  });

  it('are one tag when they differ only in the case of A-Z, as SQLite NOCASE compares', () => {
    expect(sameTag('Work/Projects', 'work/projects')).toBe(true);
    expect(tagKey('Ärger')).toBe('Ärger');
    expect(sameTag('Ärger', 'ärger')).toBe(false);
  });

  it('nest: a parent contains its children, not a tag that merely starts the same', () => {
    expect(isSameOrNestedUnder('work', 'Work')).toBe(true);
    expect(isSameOrNestedUnder('Work/x/y', 'work')).toBe(true);
    expect(isSameOrNestedUnder('workshop', 'work')).toBe(false);
    expect(isSameOrNestedUnder('work', 'work/x')).toBe(false);
    expect(ancestorsOf('a/b/c')).toEqual(['a', 'a/b']);
    expect(ancestorsOf('a')).toEqual([]);
    expect(leafOf('a/b/c')).toBe('c');
    expect(renamedTagName('work/x', 'work', 'job')).toBe('job/x');
  });

  it('lists are bounded', () => {
    const list = tagNameList(2, 'tags');
    expect(list.parse([' a ', 'b'])).toEqual(['a', 'b']);
    expect(list.safeParse(['a', 'b', 'c']).error?.issues[0]?.message).toBe('tags may name at most 2 tags.');
    expect(list.safeParse('a').error?.issues[0]?.message).toMatch(/must be a list of tag names/);
  });
});

import { z } from 'zod';

// No import from note-rules.ts: it builds its list options from tagNameList, and a cycle would
// leave one of the two half-initialised depending on which is loaded first.

/**
 * The one set of rules for tag names, used by the repository, the IPC contract and the window.
 *
 * A tag's name is its whole path: "work/projects" is the tag "projects" nested under "work".
 * A name is trimmed (around the whole and around each segment, so "work / x" is "work/x"),
 * and refused when a segment is empty (which also refuses a leading or trailing "/"), when it
 * is too long or too deep, or when it holds a control character or a broken character.
 *
 * Two names are the same tag when they differ only in the case of A-Z: that is SQLite's
 * NOCASE, which the tags table's UNIQUE uses (migrations/003-tags.ts), and tagKey() below
 * folds exactly the same way so the window never disagrees with the database. Other letters
 * ("Ä", "ä") are compared as written.
 */

export const TAG_LIMITS = {
  /** The tags table's CHECK allows the same (in characters, as SQLite's length() counts). */
  nameMaxChars: 200,
  /** Levels of nesting: "a/b/c" is 3. Deeper trees are unreadable in a sidebar. */
  depthMax: 10,
  /** Tags on one note. */
  perNoteMax: 100,
  /** Tags one list may be filtered by at once. */
  filterMax: 20,
  /** Tags one request may add to or remove from a note. */
  perRequestMax: 100,
} as const;

export const TAG_SEPARATOR = '/';

// C0 and C1 controls, DEL, and the line and paragraph separators: a tag is one short line.
// eslint-disable-next-line no-control-regex -- refusing control characters is this rule's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /\p{Cs}/u;

/** `raw` trimmed as a tag name is stored (whole and per segment); not yet checked. */
export function normalizeTagName(raw: string): string {
  return raw
    .trim()
    .split(TAG_SEPARATOR)
    .map((segment) => segment.trim())
    .join(TAG_SEPARATOR);
}

/** Why `name` (already normalized) is not a valid tag name, or undefined when it is. */
export function tagNameProblem(name: string): string | undefined {
  if (name === '') return 'A tag name cannot be empty.';
  // Code points, as SQLite's length() counts: an emoji is one.
  const chars = [...name].length;
  if (chars > TAG_LIMITS.nameMaxChars) {
    return `A tag name is at most ${TAG_LIMITS.nameMaxChars} characters; this one is ${chars}.`;
  }
  if (CONTROL.test(name)) return 'A tag name cannot contain control characters or line breaks.';
  if (LONE_SURROGATE.test(name)) {
    return 'A tag name contains a broken character (an unpaired UTF-16 surrogate) that cannot be stored as text.';
  }
  const segments = name.split(TAG_SEPARATOR);
  if (segments.some((segment) => segment === '')) {
    return `A tag name cannot start or end with "${TAG_SEPARATOR}" or have two in a row: write nested tags as "parent${TAG_SEPARATOR}child".`;
  }
  if (segments.length > TAG_LIMITS.depthMax) {
    return `A tag can be nested at most ${TAG_LIMITS.depthMax} levels deep; this one is ${segments.length}.`;
  }
  return undefined;
}

/** The identity of a tag name: equal keys are the same tag (A-Z folded, as SQLite's NOCASE). */
export function tagKey(name: string): string {
  return name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}

/** Whether `name` is `ancestor` itself or nested anywhere under it. */
export function isSameOrNestedUnder(name: string, ancestor: string): boolean {
  const key = tagKey(name);
  const top = tagKey(ancestor);
  return key === top || key.startsWith(top + TAG_SEPARATOR);
}

/** The names of the tags above `name`, outermost first: "a/b/c" -> ["a", "a/b"]. */
export function ancestorsOf(name: string): string[] {
  const segments = name.split(TAG_SEPARATOR);
  return segments.slice(0, -1).map((_segment, index) => segments.slice(0, index + 1).join(TAG_SEPARATOR));
}

/** The last segment, as the sidebar shows a nested tag under its parent. */
export function leafOf(name: string): string {
  return name.slice(name.lastIndexOf(TAG_SEPARATOR) + 1);
}

/**
 * `name` after renaming `from` to `to`: a tag nested under `from` moves with it
 * ("work/x" becomes "job/x" when "work" becomes "job"). `name` must be `from` or under it.
 */
export function renamedTagName(name: string, from: string, to: string): string {
  return to + name.slice(from.length);
}

/** A tag name as the IPC contract and the repository accept it: trimmed, then checked. */
export const tagName = z
  .string({ error: 'A tag name must be text.' })
  .max(TAG_LIMITS.nameMaxChars * 4, {
    error: `A tag name is at most ${TAG_LIMITS.nameMaxChars} characters.`,
  })
  .transform(normalizeTagName)
  .check((ctx) => {
    const problem = tagNameProblem(ctx.value);
    if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** A list of tag names (to add, remove or filter by), at most `max`, duplicates allowed. */
export function tagNameList(max: number, what: string) {
  return z
    .array(tagName, { error: `${what} must be a list of tag names.` })
    .max(max, { error: `${what} may name at most ${max} tags.` });
}

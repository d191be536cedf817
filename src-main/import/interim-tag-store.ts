import type Database from 'better-sqlite3';

/**
 * INTERIM, until the tags repository (issue #15, helper B) lands: the two writes import needs on
 * the 003-tags schema. Swap for the repository's calls; nothing else in src-main/import knows SQL
 * of tags.
 */

const TAG_NAME_MAX_CHARS = 200;

/**
 * A tag name as the source wrote it, tidied to the schema's idea of a name ("work/projects" is
 * nested): runs of white space become one space, empty path parts ("a//b", "/a/") are dropped,
 * and the whole is at most 200 characters. Null when nothing is left.
 */
export function tidyTagName(raw: string): string | null {
  const parts = raw
    .split('/')
    .map((part) => part.replace(/\s+/gu, ' ').trim())
    .filter((part) => part !== '');
  const name = parts.join('/');
  if (name === '') return null;
  return [...name].length > TAG_NAME_MAX_CHARS ? null : name;
}

export class InterimTagStore {
  private readonly insertTag: Database.Statement<[string]>;
  private readonly selectTag: Database.Statement<[string], number>;
  private readonly linkTag: Database.Statement<[number, number]>;

  constructor(db: Database.Database) {
    this.insertTag = db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING');
    // NOCASE: "Work" joins an existing "work" rather than failing or making a second tag.
    this.selectTag = db.prepare<[string], number>('SELECT seq FROM tags WHERE name = ?').pluck();
    this.linkTag = db.prepare('INSERT OR IGNORE INTO note_tags (note_seq, tag_seq) VALUES (?, ?)');
  }

  /** Tags the note with `name` (a tidied name), creating the tag when it is new. */
  tagNote(noteSeq: number, name: string): void {
    this.insertTag.run(name);
    const tagSeq = this.selectTag.get(name);
    if (tagSeq === undefined) throw new Error(`The tag "${name}" was not stored.`);
    this.linkTag.run(noteSeq, tagSeq);
  }
}

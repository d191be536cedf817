import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import {
  renamedTagName,
  TAG_LIMITS,
  TAG_SEPARATOR,
  tagKey,
  tagName,
  tagNameList,
  tagNameProblem,
} from '../../src-shared/tag-rules';
import type { TagRenameResult, TagSummary } from '../../src-shared/tags';
import { parseOrThrow } from '../../src-shared/validation-message';
import { toNoteVaultError } from './database-errors';
import { guarded, immediateWrite } from './repository-steps';
import { parseNoteId } from './note-validation';
import { TAG_NOTE_COUNTS_TABLE } from './tag-note-counts';
import { fail } from './validation-helpers';

interface TagRow {
  seq: number;
  name: string;
}

interface NoteRef {
  seq: number;
  trashed_at: number | null;
}

/** A tag and every tag nested under it, by the NOCASE identity of tag-rules.ts. */
const SUBTREE = `SELECT seq, name FROM tags
  WHERE name = @name COLLATE NOCASE OR substr(name, 1, length(@name) + 1) = @name || '/' COLLATE NOCASE`;

/**
 * Tags on notes (tables: migrations/003-tags.ts; search over them: 006; counts: 008). Names follow
 * tag-rules.ts and are checked here too, since the CLI and importers call this directly.
 * - A tag exists while some note (live or in the trash) carries it: removing its last link
 *   deletes it, so the sidebar never fills with tags nothing uses.
 * - Tagging is not an edit of the text: it leaves updatedAt alone, like pinning's neighbours
 *   trash/restore, so tagging an old note does not move it to the top of the list.
 * - A trashed note is read-only here too, as NotesRepository.update() has it.
 * - rename() renames the tag and everything nested under it in one transaction; a new name that
 *   already exists merges into that tag (its notes get the existing tag, the old one goes).
 */
export class TagsRepository {
  private readonly noteById: Database.Statement<[string], NoteRef>;
  private readonly namesOfNote: Database.Statement<[number], string>;
  private readonly tagByName: Database.Statement<[string], TagRow>;
  private readonly insertTag: Database.Statement<[string]>;
  private readonly link: Database.Statement<[number, number]>;
  private readonly unlink: Database.Statement<[number, number]>;
  private readonly deleteIfUnused: Database.Statement<[number]>;
  private readonly subtree: Database.Statement<{ name: string }, TagRow>;
  private readonly renameTag: Database.Statement<[string, number]>;
  private readonly moveLinks: Database.Statement<{ from: number; to: number }>;
  private readonly deleteTag: Database.Statement<[number]>;
  private readonly summaries: Database.Statement<[], TagSummary>;

  constructor(private readonly db: Database.Database) {
    try {
      this.noteById = db.prepare('SELECT seq, trashed_at FROM notes WHERE id = ?');
      this.namesOfNote = db
        .prepare<[number], string>(
          `SELECT t.name FROM note_tags AS nt JOIN tags AS t ON t.seq = nt.tag_seq
           WHERE nt.note_seq = ? ORDER BY t.name COLLATE NOCASE`,
        )
        .pluck();
      this.tagByName = db.prepare('SELECT seq, name FROM tags WHERE name = ?');
      this.insertTag = db.prepare('INSERT INTO tags (name) VALUES (?)');
      this.link = db.prepare('INSERT OR IGNORE INTO note_tags (note_seq, tag_seq) VALUES (?, ?)');
      this.unlink = db.prepare('DELETE FROM note_tags WHERE note_seq = ? AND tag_seq = ?');
      this.deleteIfUnused = db.prepare(
        'DELETE FROM tags WHERE seq = ? AND NOT EXISTS (SELECT 1 FROM note_tags WHERE tag_seq = tags.seq)',
      );
      this.subtree = db.prepare(SUBTREE);
      this.renameTag = db.prepare('UPDATE tags SET name = ? WHERE seq = ?');
      this.moveLinks = db.prepare(
        `INSERT OR IGNORE INTO note_tags (note_seq, tag_seq)
         SELECT note_seq, @to FROM note_tags WHERE tag_seq = @from`,
      );
      this.deleteTag = db.prepare('DELETE FROM tags WHERE seq = ?');
      // Every tag's path prefixes ("a/b/c" gives "a", "a/b", "a/b/c"), each with its live notes
      // as tag_note_counts keeps them (migration 008: a few hundred rows, where counting the
      // links took seconds at 100,000 notes). A parent nobody tagged directly takes its name
      // from the first child found; a tag row of that name, when there is one, wins.
      this.summaries = db.prepare(`
        WITH RECURSIVE prefixes (path, rest) AS (
          SELECT '', name FROM tags
          UNION ALL
          SELECT path || CASE WHEN path = '' THEN '' ELSE '${TAG_SEPARATOR}' END ||
                   CASE WHEN instr(rest, '${TAG_SEPARATOR}') > 0
                        THEN substr(rest, 1, instr(rest, '${TAG_SEPARATOR}') - 1) ELSE rest END,
                 CASE WHEN instr(rest, '${TAG_SEPARATOR}') > 0
                      THEN substr(rest, instr(rest, '${TAG_SEPARATOR}') + 1) ELSE '' END
          FROM prefixes WHERE rest <> ''
        ),
        paths AS (SELECT path FROM prefixes WHERE path <> '' GROUP BY path COLLATE NOCASE)
        SELECT coalesce((SELECT name FROM tags WHERE name = paths.path), paths.path) AS name,
               coalesce((SELECT notes FROM ${TAG_NOTE_COUNTS_TABLE} WHERE path = paths.path), 0) AS notes
        FROM paths ORDER BY name COLLATE NOCASE
      `);
    } catch (err) {
      throw toNoteVaultError(err, db.name);
    }
  }

  /** Every tag with its live-note count, parents included; sorted by name without regard to case. */
  list(): TagSummary[] {
    return this.guard(() => this.summaries.all());
  }

  /** The tags of one note, sorted by name. */
  tagsOf(noteId: string): string[] {
    const id = parseNoteId(noteId);
    return this.guard(() => this.namesOfNote.all(this.requireNote(id).seq));
  }

  /**
   * Adds tags to a note and returns its tags. A name matching an existing tag without regard
   * to A-Z case uses that tag (and its spelling); a new name creates the tag.
   */
  add(noteId: string, names: readonly string[]): string[] {
    const id = parseNoteId(noteId);
    const valid = parseOrThrow(tagNameList(TAG_LIMITS.perRequestMax, 'tags'), names);
    return this.write(() => {
      const note = this.requireLiveNote(id);
      for (const name of valid) {
        const tag = this.tagByName.get(name);
        const seq = tag?.seq ?? Number(this.insertTag.run(name).lastInsertRowid);
        this.link.run(note.seq, seq);
      }
      const tags = this.namesOfNote.all(note.seq);
      if (tags.length > TAG_LIMITS.perNoteMax) {
        fail(`A note can carry at most ${TAG_LIMITS.perNoteMax} tags; this would give it ${tags.length}.`);
      }
      return tags;
    });
  }

  /** Removes tags from a note (names it does not carry are ignored) and returns its tags. */
  remove(noteId: string, names: readonly string[]): string[] {
    const id = parseNoteId(noteId);
    const valid = parseOrThrow(tagNameList(TAG_LIMITS.perRequestMax, 'tags'), names);
    return this.write(() => {
      const note = this.requireLiveNote(id);
      for (const name of valid) {
        const tag = this.tagByName.get(name);
        if (tag === undefined) continue;
        this.unlink.run(note.seq, tag.seq);
        this.deleteIfUnused.run(tag.seq);
      }
      return this.namesOfNote.all(note.seq);
    });
  }

  /**
   * Renames `from` and every tag nested under it ("work" -> "job" also makes "work/x" "job/x").
   * Where a new name already exists, that tag takes the notes and the renamed one goes (a merge).
   * Shallow tags first: a name freed by an earlier step (merging "a/x" into "a") may be the new
   * name of a deeper one ("a/x/x" becomes "a/x"), which must then be a rename, not a merge.
   */
  rename(fromName: string, toName: string): TagRenameResult {
    const from = parseOrThrow(tagName, fromName);
    const to = parseOrThrow(tagName, toName);
    if (tagKey(to).startsWith(tagKey(from) + TAG_SEPARATOR)) {
      fail(`“${from}” cannot be renamed to “${to}”, a tag inside itself. Choose a name outside it.`);
    }
    return this.write(() => {
      const tags = this.requireSubtree(from).sort((a, b) => depth(a.name) - depth(b.name));
      const moves = tags.map((tag) => ({ tag, name: renamedTagName(tag.name, from, to) }));
      for (const { name } of moves) {
        const problem = tagNameProblem(name);
        if (problem !== undefined) fail(`“${from}” cannot be renamed to “${to}”: ${problem}`);
      }
      let merged = 0;
      for (const { tag, name } of moves) {
        const existing = this.tagByName.get(name);
        if (existing !== undefined && existing.seq !== tag.seq) {
          this.moveLinks.run({ from: tag.seq, to: existing.seq });
          this.deleteTag.run(tag.seq);
          merged++;
        } else if (name !== tag.name) {
          this.renameTag.run(name, tag.seq);
        }
      }
      return { renamed: moves.length - merged, merged };
    });
  }

  /** Deletes a tag and every tag nested under it from all notes; the notes stay. Returns how many tags went. */
  delete(name: string): number {
    const valid = parseOrThrow(tagName, name);
    return this.write(() => {
      const tags = this.requireSubtree(valid);
      for (const tag of tags) this.deleteTag.run(tag.seq);
      return tags.length;
    });
  }

  private requireSubtree(name: string): TagRow[] {
    const tags = this.subtree.all({ name });
    if (tags.length === 0)
      throw new NoteVaultError(
        'NOT_FOUND',
        `No tag named “${name}” exists; it may have been renamed or deleted.`,
      );
    return tags;
  }

  private requireNote(id: string): NoteRef {
    const note = this.noteById.get(id);
    if (note === undefined) {
      throw new NoteVaultError(
        'NOT_FOUND',
        `No note with id ${JSON.stringify(id)} exists; it may have been deleted.`,
      );
    }
    return note;
  }

  private requireLiveNote(id: string): NoteRef {
    const note = this.requireNote(id);
    if (note.trashed_at !== null)
      fail('This note is in the trash and its tags cannot be changed; restore it first.');
    return note;
  }

  private write<T>(step: () => T): T {
    return immediateWrite(this.db, step);
  }

  private guard<T>(step: () => T): T {
    return guarded(this.db, step);
  }
}

function depth(name: string): number {
  return name.split(TAG_SEPARATOR).length;
}

import type Database from 'better-sqlite3';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/notes';
import type { SearchHit } from '../../src-shared/notes';
import { toFtsMatchExpression } from './fts-query';
import { parseSearchOptions, parseSearchQuery } from './note-validation';

/** A word in the title counts this many times as much as the same word in the body. */
const TITLE_WEIGHT = 10;
const BODY_WEIGHT = 1;
/** A tag names what a note is about, so its words count nearly as much as the title's. */
const TAG_WEIGHT = 5;
/** Roughly a line of text around the matches. */
const SNIPPET_TOKENS = 16;

interface HitRow {
  id: string;
  title: string;
  pinned: number;
  updatedAt: number;
  snippet: string;
  score: number;
}

interface HitParams {
  match: string;
  includeTrashed: number;
  limit: number;
  offset: number;
  start: string;
  end: string;
}

/** Full-text search over the notes_fts index: titles, bodies and tags (see migrations/006-notes-fts-tags.ts). */
export class NoteSearch {
  private readonly hits: Database.Statement<HitParams, HitRow>;

  constructor(db: Database.Database) {
    // bm25() is lower-is-better, hence ascending; ties go to the most recently edited.
    // snippet() column -1 lets FTS5 pick whichever of title/body/tags matched best.
    this.hits = db.prepare<HitParams, HitRow>(`
      SELECT n.id AS id, n.title AS title, n.pinned AS pinned, n.updated_at AS updatedAt,
             snippet(notes_fts, -1, @start, @end, '…', ${SNIPPET_TOKENS}) AS snippet,
             bm25(notes_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${TAG_WEIGHT}) AS score
      FROM notes_fts JOIN notes AS n ON n.seq = notes_fts.rowid
      WHERE notes_fts MATCH @match AND (@includeTrashed = 1 OR n.trashed_at IS NULL)
      ORDER BY score, n.updated_at DESC, n.seq
      LIMIT @limit OFFSET @offset
    `);
  }

  search(query: unknown, options?: unknown): SearchHit[] {
    const text = parseSearchQuery(query);
    const { limit, offset, includeTrashed } = parseSearchOptions(options);
    const match = toFtsMatchExpression(text);
    if (match === null) return [];
    const rows = this.hits.all({
      match,
      includeTrashed: includeTrashed ? 1 : 0,
      limit,
      offset,
      start: HIGHLIGHT_START,
      end: HIGHLIGHT_END,
    });
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      pinned: row.pinned === 1,
      updatedAt: row.updatedAt,
      snippet: row.snippet,
      rank: row.score,
    }));
  }
}

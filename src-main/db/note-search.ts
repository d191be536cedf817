import type Database from 'better-sqlite3';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/notes';
import type { SearchHit } from '../../src-shared/notes';
import { toFtsMatchExpression } from './fts-query';
import { tagFilterSql } from './note-list-queries';
import { parseSearchOptions, parseSearchQuery } from './note-validation';

/** A word in the title counts this many times as much as the same word in the body. */
const TITLE_WEIGHT = 10;
const BODY_WEIGHT = 1;
/** A tag names what a note is about, so its words count nearly as much as the title's. */
const TAG_WEIGHT = 5;
/** Roughly a line of text around the matches. */
const SNIPPET_TOKENS = 16;
/** A hit's columns; snippet() column -1 lets FTS5 pick whichever of title/body/tags matched best. */
const HIT_COLUMNS = `n.id AS id, n.title AS title, n.pinned AS pinned, n.updated_at AS updatedAt,
  snippet(notes_fts, -1, @start, @end, '…', ${SNIPPET_TOKENS}) AS snippet`;
/**
 * A query matching at least this many notes lists them newest first instead of ranking them.
 * bm25() first counts every note that holds each word of the query, then scores each match, so a
 * word found in most of 100,000 notes took tens of milliseconds per keystroke; such a query is too
 * broad for the rank to tell the notes apart, and another word narrows it (then it is ranked).
 */
export const SEARCH_RANK_LIMIT = 500;

interface RankedRow {
  seq: number;
  /** bm25, lower is better; 0 for a broad query's matches, listed newest first. */
  score: number;
}

interface RankParams {
  match: string;
  /** The tag filter as a JSON array of names; only the tagged statements read it. */
  tags?: string;
  includeTrashed: number;
  limit: number;
  offset: number;
}

interface HitRow {
  id: string;
  title: string;
  pinned: number;
  updatedAt: number;
  snippet: string;
}

interface Highlight {
  start: string;
  end: string;
}

interface HitParams extends Highlight {
  match: string;
  /** The page's rowids as a JSON array, and the newest of them. */
  seqs: string;
  high: number;
}

/**
 * Full-text search over the notes_fts index: titles, bodies and tags (migration 006).
 * In steps, so the costly parts run only where they are needed: how many notes match, counted up
 * to SEARCH_RANK_LIMIT; a page of them, ranked with bm25() below that and newest first from it
 * (FTS5's own order, read without sorting); then the page's snippets, which FTS5 makes by reading
 * and tokenizing each note's text.
 */
interface FilteredStatements {
  matchCount: Database.Statement<{ match: string; limit: number; tags?: string }, number>;
  ranked: Database.Statement<RankParams, RankedRow>;
  newest: Database.Statement<RankParams & Highlight, RankedRow & HitRow>;
}

export class NoteSearch {
  /** Without and with the tag filter: separate statements, so an unfiltered search keeps its plan. */
  private readonly filtered: Record<'all' | 'tagged', FilteredStatements>;
  private readonly hits: Database.Statement<HitParams, HitRow & { seq: number }>;

  constructor(
    private readonly db: Database.Database,
    private readonly rankLimit: number = SEARCH_RANK_LIMIT,
  ) {
    this.filtered = { all: prepareFiltered(db, false), tagged: prepareFiltered(db, true) };
    // The ranked page's snippets in one pass over the matches from its newest rowid down (fewer
    // than rankLimit; FTS5 starts a descending read at a rowid quickly, an ascending one does
    // not), the page's own rowids checked on notes, so the query is parsed and its prefixes
    // expanded once, and snippets are made for the page's notes alone.
    this.hits = db.prepare(`
      SELECT n.seq AS seq, ${HIT_COLUMNS}
      FROM notes_fts CROSS JOIN notes AS n ON n.seq = notes_fts.rowid
      WHERE notes_fts MATCH @match AND notes_fts.rowid <= @high
        AND n.seq IN (SELECT value FROM json_each(@seqs))
      ORDER BY notes_fts.rowid DESC
    `);
  }

  search(query: unknown, options?: unknown): SearchHit[] {
    const text = parseSearchQuery(query);
    const { tags, limit, offset, includeTrashed } = parseSearchOptions(options);
    const match = toFtsMatchExpression(text);
    if (match === null) return [];
    const highlight = { start: HIGHLIGHT_START, end: HIGHLIGHT_END };
    const tagged = tags.length > 0;
    const filter = tagged ? { tags: JSON.stringify(tags) } : {};
    const { matchCount, ranked: rankedPage, newest } = this.filtered[tagged ? 'tagged' : 'all'];
    const page = { match, includeTrashed: includeTrashed ? 1 : 0, limit, offset, ...filter };
    // One read transaction: the snippets come from the same moment as the ranking.
    return this.db.transaction(() => {
      const broad = (matchCount.get({ match, limit: this.rankLimit, ...filter }) ?? 0) >= this.rankLimit;
      if (broad) return newest.all({ ...page, ...highlight }).map(toHit);
      const ranked = rankedPage.all(page);
      if (ranked.length === 0) return [];
      const seqs = ranked.map((row) => row.seq);
      const hits = new Map(
        this.hits
          .all({ match, seqs: JSON.stringify(seqs), high: Math.max(...seqs), ...highlight })
          .map((row) => [row.seq, row]),
      );
      return ranked.flatMap(({ seq, score }) => {
        const row = hits.get(seq);
        return row === undefined ? [] : [toHit({ ...row, score })];
      });
    })();
  }
}

/**
 * How many notes match (up to a limit), a ranked page and a newest-first page; with `tagged`,
 * only notes passing the list's tag filter (tagFilterSql: every tag, a parent matching its children).
 */
function prepareFiltered(db: Database.Database, tagged: boolean): FilteredStatements {
  const onMatch = tagged ? `AND ${tagFilterSql('rowid')}` : '';
  const onNote = tagged ? `AND ${tagFilterSql('n.seq')}` : '';
  return {
    matchCount: db
      .prepare<{ match: string; limit: number; tags?: string }, number>(
        `SELECT count(*) FROM (SELECT rowid FROM notes_fts WHERE notes_fts MATCH @match ${onMatch} LIMIT @limit)`,
      )
      .pluck(),
    // bm25() is lower-is-better, hence ascending; ties go to the most recently edited.
    ranked: db.prepare(`
      SELECT n.seq AS seq, bm25(notes_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${TAG_WEIGHT}) AS score
      FROM notes_fts JOIN notes AS n ON n.seq = notes_fts.rowid
      WHERE notes_fts MATCH @match AND (@includeTrashed = 1 OR n.trashed_at IS NULL) ${onNote}
      ORDER BY score, n.updated_at DESC, n.seq
      LIMIT @limit OFFSET @offset
    `),
    // CROSS JOIN keeps FTS5 outside, so it hands the matches over in rowid order, newest first,
    // and snippets are made for the page's rows alone, as they are read.
    newest: db.prepare(`
      SELECT n.seq AS seq, 0 AS score, ${HIT_COLUMNS}
      FROM notes_fts CROSS JOIN notes AS n ON n.seq = notes_fts.rowid
      WHERE notes_fts MATCH @match AND (@includeTrashed = 1 OR n.trashed_at IS NULL) ${onNote}
      ORDER BY notes_fts.rowid DESC
      LIMIT @limit OFFSET @offset
    `),
  };
}

function toHit(row: HitRow & RankedRow): SearchHit {
  return {
    id: row.id,
    title: row.title,
    pinned: row.pinned === 1,
    updatedAt: row.updatedAt,
    snippet: row.snippet,
    rank: row.score,
  };
}

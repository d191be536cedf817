// The main process's side of "at scale": on the generated 100,000-note database, every figure is
// taken through the built router and notes handlers (validation, handler, NotesRepository, as a
// renderer request takes them; only Electron's message passing is left out), in this thread.
import { textMaker } from './generate-notes.mjs';

/** What heavy users should get (issue #15); printed beside the figures, never enforced in tests. */
export const SCALE_TARGETS = {
  /** Open the database and answer the window's first list page. */
  startMs: 1000,
  /** Open a note, 95th percentile. */
  openP95Ms: 50,
  /** Full-text search, 95th percentile. */
  searchP95Ms: 10,
};

const SENDER = { webContentsId: 1, frameUrl: 'http://bench.invalid/', isMainFrame: true };
const STARTS = 5;
const OPENS = 400;
const SEARCH_ROUNDS = 5;
const PAGE_RUNS = 5;

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const median = (values) => percentile(values, 50);

/** A router over the notes handlers alone, as installIpc builds it over all of them. */
function notesRouter(engine, repository) {
  const router = engine.createIpcRouter({
    handlers: engine.createNotesHandlers(
      () => repository,
      () => {},
      async () => true,
    ),
    isTrustedSender: () => true,
    log: () => {},
  });
  return async (channel, payload) => {
    const result = await router.dispatch(channel, payload, SENDER);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

async function timed(step) {
  const started = performance.now();
  const value = await step();
  return { ms: performance.now() - started, value };
}

/** Seeded picks, so every run opens the same notes. */
function picker(seed) {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
}

/**
 * What people type: whole words from the very common to the rare, two and three words (the
 * last one still being typed, so a prefix), a title fragment, a tag's name, and words that
 * match nothing. The words come from the generator's own vocabulary, ranked by use.
 */
function searchQueries(words, sampleTitle, tagName) {
  const word = (rank) => words[rank];
  return [
    word(0),
    word(3),
    word(20),
    word(100),
    word(500),
    word(2000),
    word(5000),
    `${word(0)} ${word(1)}`,
    `${word(10)} ${word(200)}`,
    `${word(50)} ${word(400)} ${word(3000)}`,
    word(30).slice(0, 3),
    word(300).slice(0, 4),
    `${word(5)} ${word(700).slice(0, 3)}`,
    sampleTitle.split(' ').slice(0, 3).join(' '),
    tagName.split('/').at(-1),
    'zzqxv',
  ];
}

export async function measureScale(engine, db, log, nativeBinding) {
  const openDatabase = () => engine.openNotesDatabase(db.file, { nativeBinding });

  // Startup: open (identity, migrations check, WAL), build the repository and router, answer
  // the first list page as the window asks for it. Closed each time; the file stays in the OS's
  // cache after the first run, as it does when the app is started again.
  const starts = [];
  for (let i = 0; i < STARTS; i++) {
    const { ms } = await timed(async () => {
      const connection = openDatabase();
      const call = notesRouter(engine, new engine.NotesRepository(connection));
      await call('notes:list', { limit: 100, offset: 0 });
      return connection;
    }).then(async ({ ms, value }) => {
      engine.closeNotesDatabase(value);
      return { ms };
    });
    starts.push(ms);
  }

  const connection = openDatabase();
  try {
    const repository = new engine.NotesRepository(connection);
    const call = notesRouter(engine, repository);
    const ids = connection.prepare('SELECT id FROM notes ORDER BY seq').pluck().all();
    const pick = picker(15);

    const opens = [];
    for (let i = 0; i < OPENS; i++) {
      const id = ids[pick(ids.length)];
      opens.push((await timed(() => call('notes:get', { id }))).ms);
    }

    // The generator's own vocabulary (the same seed), ranked by use.
    const { words } = textMaker(db.notes);
    const sampleTitle = repository.get(ids[pick(ids.length)]).title;
    const tagName =
      connection.prepare('SELECT name FROM tags ORDER BY seq DESC LIMIT 1').pluck().get() ?? 'none';
    const queries = searchQueries(words, sampleTitle, tagName);
    const searches = [];
    const perQuery = new Map(queries.map((q) => [q, []]));
    for (let round = 0; round < SEARCH_ROUNDS; round++) {
      for (const query of queries) {
        const { ms, value } = await timed(() => call('notes:search', { query, limit: 50, offset: 0 }));
        searches.push(ms);
        perQuery.get(query).push({ ms, hits: value.length });
      }
    }

    const live = repository.count();
    const trashed = repository.count({ trashed: true });
    const pageTimes = async (options) => {
      const runs = [];
      for (let i = 0; i < PAGE_RUNS; i++) runs.push((await timed(() => call('notes:list', options))).ms);
      return median(runs);
    };
    const pages = [];
    for (const offset of [0, 1000, 10_000, Math.floor(live / 2), Math.max(0, live - 100)]) {
      pages.push({ label: `notes, offset ${offset}`, ms: await pageTimes({ limit: 100, offset }) });
    }
    pages.push({
      label: `notes by title, offset ${Math.floor(live / 2)}`,
      ms: await pageTimes({ sort: 'title', direction: 'asc', limit: 100, offset: Math.floor(live / 2) }),
    });
    pages.push({ label: 'trash, first page', ms: await pageTimes({ trashed: true, limit: 100, offset: 0 }) });
    pages.push({
      label: `trash, offset ${Math.max(0, trashed - 100)}`,
      ms: await pageTimes({ trashed: true, limit: 100, offset: Math.max(0, trashed - 100) }),
    });

    // The tag filter, once notes:list takes one (issue #15's tags): a top-level tag (its nested
    // tags count too) and the nested tag with the most notes.
    const tagFilters = connection
      .prepare(
        `SELECT name FROM (SELECT t.name, count(*) AS notes FROM note_tags AS nt JOIN tags AS t ON t.seq = nt.tag_seq
           WHERE t.name NOT LIKE '%/%' GROUP BY t.seq ORDER BY notes DESC LIMIT 1)
         UNION ALL
         SELECT name FROM (SELECT t.name, count(*) AS notes FROM note_tags AS nt JOIN tags AS t ON t.seq = nt.tag_seq
           WHERE t.name LIKE '%/%' GROUP BY t.seq ORDER BY notes DESC LIMIT 1)`,
      )
      .pluck()
      .all();
    for (const tag of tagFilters) {
      try {
        pages.push({
          label: `tag "${tag}", first page`,
          ms: await pageTimes({ tags: [tag], limit: 100, offset: 0 }),
        });
      } catch (error) {
        pages.push({ label: `tag "${tag}"`, ms: Number.NaN, note: `not measured: ${error.message}` });
      }
    }

    // The tag sidebar's counts (tags:list; TagsRepository.list, repository.tags here since the
    // bench's router carries the notes handlers only): the window asks for them as it starts.
    const tagListRuns = [];
    for (let i = 0; i < PAGE_RUNS; i++) tagListRuns.push((await timed(() => repository.tags.list())).ms);

    // After an edit the window re-reads every entry it shows (useNoteEntries): with 2,000 scrolled
    // through, that is four pages of the largest size the main process accepts.
    const rereadRuns = [];
    for (let i = 0; i < PAGE_RUNS; i++) {
      rereadRuns.push(
        (
          await timed(async () => {
            for (let offset = 0; offset < 2000; offset += 500)
              await call('notes:list', { limit: 500, offset });
          })
        ).ms,
      );
    }

    const checks = [
      {
        size: '100k',
        target: `start (open database + first list page) < ${SCALE_TARGETS.startMs} ms`,
        value: `median ${median(starts).toFixed(1)} ms, first ${starts[0].toFixed(1)} ms, worst ${Math.max(...starts).toFixed(1)} ms`,
        pass: Math.max(...starts) < SCALE_TARGETS.startMs,
      },
      {
        size: '100k',
        target: `open a note p95 < ${SCALE_TARGETS.openP95Ms} ms`,
        value: `p50 ${median(opens).toFixed(2)} ms, p95 ${percentile(opens, 95).toFixed(2)} ms, worst ${Math.max(...opens).toFixed(2)} ms`,
        pass: percentile(opens, 95) < SCALE_TARGETS.openP95Ms,
      },
      {
        size: '100k',
        target: `search p95 < ${SCALE_TARGETS.searchP95Ms} ms`,
        value: `p50 ${median(searches).toFixed(2)} ms, p95 ${percentile(searches, 95).toFixed(2)} ms, worst ${Math.max(...searches).toFixed(2)} ms (${queries.length} queries x ${SEARCH_ROUNDS})`,
        pass: percentile(searches, 95) < SCALE_TARGETS.searchP95Ms,
      },
      ...pages.map((page) => ({
        size: '100k',
        target: `list page: ${page.label}`,
        value: `${page.ms.toFixed(2)} ms`,
      })),
      {
        size: '100k',
        target: 'tag sidebar counts (tags:list), asked for as the window starts',
        value: `median ${median(tagListRuns).toFixed(2)} ms, worst ${Math.max(...tagListRuns).toFixed(2)} ms`,
      },
      {
        size: '100k',
        target: 're-read 2,000 shown entries after an edit',
        value: `${median(rereadRuns).toFixed(1)} ms`,
      },
    ];
    const searchDetail = [...perQuery].map(([query, runs]) => ({
      query,
      hits: runs[0].hits,
      medianMs: median(runs.map((r) => r.ms)),
      worstMs: Math.max(...runs.map((r) => r.ms)),
    }));
    log(
      `\nSearch queries (median / worst of ${SEARCH_ROUNDS}, ms):\n` +
        searchDetail
          .map(
            (q) =>
              `  ${JSON.stringify(q.query).padEnd(28)} ${String(q.hits).padStart(3)} hits  ${q.medianMs.toFixed(2).padStart(7)} / ${q.worstMs.toFixed(2)}`,
          )
          .join('\n'),
    );
    return {
      notes: { live, trashed, bytes: db.bytes, attachmentMiB: db.attachmentMiB },
      startsMs: starts,
      open: { p50: median(opens), p95: percentile(opens, 95), max: Math.max(...opens) },
      search: {
        p50: median(searches),
        p95: percentile(searches, 95),
        max: Math.max(...searches),
        queries: searchDetail,
      },
      pages,
      rereadMs: median(rereadRuns),
      tagListMs: median(tagListRuns),
      checks,
    };
  } finally {
    engine.closeNotesDatabase(connection);
  }
}

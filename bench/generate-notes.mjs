// Realistic notes databases for the benchmark, made with the built NotesRepository (real
// migrations, FTS5 index, WAL), cached under bench/.data/ because the 1 GiB one takes
// minutes to write.
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bump when the generator changes, so stale cached databases are rebuilt. */
const GENERATOR_VERSION = 2;
/** Notes per transaction; the size is checked after each, so a database overshoots its
 * target by a fraction of a MiB (16 MiB comes out at 16.2, above the 16 MiB in-memory limit). */
const BATCH_NOTES = 20;
const MIB = 1024 * 1024;

/** A seeded xorshift32: the same database every time, on every machine. */
function random(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** A few thousand made-up words from syllables, used with a Zipf-like skew as in real text. */
function vocabulary(next, size) {
  const syllables = 'ka lo mi re su ta ne po vi da ri mo le sa tu ko na pe si ra lu me'.split(' ');
  const words = [];
  for (let i = 0; i < size; i++) {
    const parts = 1 + Math.floor(next() * 3);
    let word = '';
    for (let p = 0; p < parts; p++) word += syllables[Math.floor(next() * syllables.length)];
    words.push(word);
  }
  return words;
}

/** Seeded Markdown-ish text: titles, bodies of a given (or drawn) length, and the word list. */
export function textMaker(seed) {
  const next = random(seed);
  const words = vocabulary(next, 6000);
  // next()^3 puts most picks on the first words of the list: a few very common words,
  // a long tail of rare ones, like natural language (and like a real FTS index).
  const word = () => words[Math.floor(next() ** 3 * words.length)];
  const sentence = () => {
    const count = 4 + Math.floor(next() * 14);
    const chosen = Array.from({ length: count }, word);
    chosen[0] = chosen[0][0].toUpperCase() + chosen[0].slice(1);
    return `${chosen.join(' ')}.`;
  };
  const block = () => {
    const kind = next();
    if (kind < 0.1) return `## ${sentence().slice(0, -1)}`;
    if (kind < 0.3)
      return Array.from({ length: 2 + Math.floor(next() * 5) }, () => `- ${sentence()}`).join('\n');
    if (kind < 0.35) return `\`\`\`\n${Array.from({ length: 3 }, sentence).join('\n')}\n\`\`\``;
    if (kind < 0.4) return `> ${sentence()}`;
    return Array.from({ length: 1 + Math.floor(next() * 5) }, sentence).join(' ');
  };
  /** Note bodies from a few hundred bytes to tens of kilobytes, most of them short, or about
   * `target` characters. */
  const body = (target = Math.floor(200 + next() ** 2.5 * 40_000)) => {
    const blocks = [];
    let length = 0;
    while (length < target) {
      const text = block();
      blocks.push(text);
      length += text.length + 2;
    }
    return blocks.join('\n\n');
  };
  const title = () =>
    sentence()
      .slice(0, 20 + Math.floor(next() * 60))
      .trim();
  return { body, title, next, words, sentence };
}

function databaseSize(db) {
  return db.pragma('page_count', { simple: true }) * db.pragma('page_size', { simple: true });
}

/**
 * Returns the path of a cached notes database of about `mebibytes` MiB, creating it
 * through the built repository (migrations, FTS triggers) if needed.
 */
export async function notesDatabase(engine, dataDir, mebibytes, log, nativeBinding) {
  const file = join(dataDir, `notes-${mebibytes}MiB.db`);
  const marker = `${file}.json`;
  if (existsSync(file) && existsSync(marker)) {
    const info = JSON.parse(await readFile(marker, 'utf8'));
    if (info.generatorVersion === GENERATOR_VERSION) return { file, ...info };
  }
  await mkdir(dataDir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '.json']) await rm(`${file}${suffix}`, { force: true });
  log(`Generating a ${mebibytes} MiB notes database (cached in ${dataDir})...`);
  const started = performance.now();
  const text = textMaker(mebibytes);
  const db = engine.openNotesDatabase(file, { nativeBinding });
  let notes = 0;
  try {
    const repository = new engine.NotesRepository(db);
    const day = 24 * 60 * 60 * 1000;
    let time = Date.UTC(2022, 0, 1);
    const addBatch = db.transaction((count) => {
      for (let i = 0; i < count; i++) {
        time += Math.floor(text.next() * day);
        repository.create({
          title: text.title(),
          body: text.body(),
          pinned: text.next() < 0.02,
          createdAt: time,
          updatedAt: time + Math.floor(text.next() * 30 * day),
        });
        notes++;
      }
    });
    while (databaseSize(db) < mebibytes * MIB) addBatch(BATCH_NOTES);
  } finally {
    engine.closeNotesDatabase(db);
  }
  const info = { generatorVersion: GENERATOR_VERSION, notes, bytes: statSync(file).size };
  await writeFile(marker, `${JSON.stringify(info, null, 2)}\n`);
  log(
    `  ${notes} notes, ${(info.bytes / MIB).toFixed(1)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { file, ...info };
}

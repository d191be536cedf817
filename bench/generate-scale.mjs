// A notes database at the scale heavy users keep (100,000 notes), written through the built
// NotesRepository (real migrations, FTS triggers, WAL) and cached under bench/.data/ because it
// takes minutes to write. Notes have varied lengths and Markdown, some are pinned, some in the
// trash, most carry a few nested tags, and some refer to attachments (images and files stored
// in the database, up to --attachments-mib MiB in all).
//
// Tags and attachments are written with SQL into the tables of migrations 003 and 004: the
// bench must not depend on when their repositories land, and the rows are what matters to the
// list, open and search queries measured here.
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { textMaker } from './generate-notes.mjs';

/** Bump when the generator changes, so stale cached databases are rebuilt. */
const GENERATOR_VERSION = 2;
const NOTES_PER_TRANSACTION = 1000;
const MIB = 1024 * 1024;
const DAY = 24 * 60 * 60 * 1000;
/** A share of the notes, as in a real vault: a few pinned, a few in the trash. */
const PINNED_SHARE = 0.01;
const TRASHED_SHARE = 0.03;
/** Notes with no tag at all; the others get one to four. */
const UNTAGGED_SHARE = 0.3;
const TAG_COUNT = 300;
/** An attachment's size is drawn between these; photos and PDFs, most of them small. */
const ATTACHMENT_MIN_BYTES = 20 * 1024;
const ATTACHMENT_MAX_BYTES = 4 * MIB;
const MEDIA_TYPES = [
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['application/pdf', 'pdf'],
];

/** A length drawn from a log-normal (median ~650 characters, mean ~1,100, a long tail), capped. */
function bodyLength(next) {
  const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return Math.min(60_000, Math.max(20, Math.round(Math.exp(6.5 + normal))));
}

/** Nested tag names ("kalo/mire"), a few dozen top-level areas with topics under them. */
function tagNames(text) {
  const names = new Set();
  const areas = text.words.slice(0, 30);
  for (const area of areas) names.add(area);
  let i = 30;
  while (names.size < TAG_COUNT) {
    const area = areas[Math.floor(text.next() ** 2 * areas.length)];
    names.add(`${area}/${text.words[i++]}`);
  }
  return [...names];
}

/**
 * Returns the cached database of `notes` notes and about `attachmentMiB` MiB of attachments,
 * creating it if needed. The file name carries both, so each combination is kept apart.
 */
export async function scaleDatabase(engine, dataDir, { notes, attachmentMiB }, log, nativeBinding) {
  const file = join(dataDir, `scale-${notes}-notes-${attachmentMiB}MiB-attachments.db`);
  const marker = `${file}.json`;
  if (existsSync(file) && existsSync(marker)) {
    const info = JSON.parse(await readFile(marker, 'utf8'));
    if (info.generatorVersion === GENERATOR_VERSION) {
      // Brought to the current schema before anything is timed, as the app does once after
      // an update (a migration may rebuild the search index: minutes at this size).
      log(`Opening the cached ${notes}-note database (upgraded to the current schema if older)...`);
      engine.closeNotesDatabase(engine.openNotesDatabase(file, { nativeBinding }));
      return { file, ...info, bytes: statSync(file).size };
    }
  }
  await mkdir(dataDir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '.json']) await rm(`${file}${suffix}`, { force: true });
  log(`Generating ${notes} notes with ${attachmentMiB} MiB of attachments (cached in ${dataDir})...`);
  const started = performance.now();
  const text = textMaker(notes);
  let time = Date.UTC(2019, 0, 1);
  const db = engine.openNotesDatabase(file, { nativeBinding });
  try {
    // The clock the repository stamps trashedAt with: the generated time, not today's.
    const repository = new engine.NotesRepository(db, () => time);
    const tags = writeTags(db, text);
    const attachments = writeAttachments(db, text, attachmentMiB);
    const linkTag = db.prepare('INSERT INTO note_tags (note_seq, tag_seq) VALUES (?, ?)');
    const linkAttachment = db.prepare(
      'INSERT OR IGNORE INTO note_attachments (note_seq, attachment_seq) VALUES (?, ?)',
    );
    const seqOf = db.prepare('SELECT seq FROM notes WHERE id = ?').pluck();
    // Every attachment is referred to by some note: the first notes take one each in turn,
    // then a few percent of notes take a random one (the same image in several notes).
    let nextAttachment = 0;
    const step = Math.max(1, Math.floor(notes / Math.max(1, attachments.length * 2)));
    const addBatch = db.transaction((from, count) => {
      for (let i = from; i < from + count; i++) {
        time += Math.floor(text.next() * ((2 * 6 * 365 * DAY) / notes));
        const referred = [];
        if (attachments.length > 0 && i % step === 0 && nextAttachment < attachments.length)
          referred.push(attachments[nextAttachment++]);
        else if (attachments.length > 0 && text.next() < 0.02)
          referred.push(attachments[Math.floor(text.next() * attachments.length)]);
        const references = referred.map((a) =>
          a.mediaType.startsWith('image/')
            ? `![${a.fileName}](attachment:${a.sha256})`
            : `[${a.fileName}](attachment:${a.sha256})`,
        );
        const body = [text.body(bodyLength(text.next)), ...references, checklist(text)]
          .filter(Boolean)
          .join('\n\n');
        const note = repository.create({
          title: text.title(),
          body,
          pinned: text.next() < PINNED_SHARE,
          createdAt: time,
          updatedAt: time + Math.floor(text.next() ** 4 * 365 * DAY),
        });
        const seq = seqOf.get(note.id);
        if (text.next() >= UNTAGGED_SHARE) {
          const chosen = new Set();
          const wanted = 1 + Math.floor(text.next() ** 2 * 4);
          while (chosen.size < wanted) chosen.add(tags[Math.floor(text.next() ** 2 * tags.length)]);
          for (const tag of chosen) linkTag.run(seq, tag);
        }
        for (const a of referred) linkAttachment.run(seq, a.seq);
        if (text.next() < TRASHED_SHARE) repository.trash(note.id);
      }
    });
    for (let from = 0; from < notes; from += NOTES_PER_TRANSACTION) {
      addBatch(from, Math.min(NOTES_PER_TRANSACTION, notes - from));
      if ((from / NOTES_PER_TRANSACTION) % 20 === 19) log(`  ${from + NOTES_PER_TRANSACTION} notes...`);
    }
    // No ANALYZE: the app never runs one, so the query planner sees what it sees in people's files.
  } finally {
    engine.closeNotesDatabase(db);
  }
  const info = {
    generatorVersion: GENERATOR_VERSION,
    notes,
    attachmentMiB,
    bytes: statSync(file).size,
    generateSeconds: (performance.now() - started) / 1000,
  };
  await writeFile(marker, `${JSON.stringify(info, null, 2)}\n`);
  log(`  ${notes} notes, ${(info.bytes / MIB).toFixed(0)} MiB in ${info.generateSeconds.toFixed(0)} s`);
  return { file, ...info };
}

/** A checklist under one note in ten, as people keep them. */
function checklist(text) {
  if (text.next() >= 0.1) return '';
  const items = 2 + Math.floor(text.next() * 5);
  return Array.from(
    { length: items },
    () => `- [${text.next() < 0.5 ? 'x' : ' '}] ${text.sentence().slice(0, -1)}`,
  ).join('\n');
}

function writeTags(db, text) {
  const insert = db.prepare('INSERT INTO tags (name) VALUES (?)');
  return db.transaction(() => tagNames(text).map((name) => Number(insert.run(name).lastInsertRowid)))();
}

/** Incompressible bytes (like photos and PDFs) up to `mebibytes` MiB in all. */
function writeAttachments(db, text, mebibytes) {
  const insert = db.prepare(
    `INSERT INTO attachments (sha256, media_type, file_name, size, data, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const written = [];
  let total = 0;
  const budget = mebibytes * MIB;
  const add = db.transaction((data, mediaType, fileName) => {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const seq = Number(
      insert.run(sha256, mediaType, fileName, data.length, data, Date.UTC(2019, 0, 1)).lastInsertRowid,
    );
    written.push({ seq, sha256, mediaType, fileName });
  });
  while (total < budget) {
    const size = Math.min(
      budget - total,
      Math.round(ATTACHMENT_MIN_BYTES + text.next() ** 3 * (ATTACHMENT_MAX_BYTES - ATTACHMENT_MIN_BYTES)),
    );
    const [mediaType, extension] = MEDIA_TYPES[Math.floor(text.next() * MEDIA_TYPES.length)];
    const fileName = `${text.words[written.length % text.words.length]}-${written.length}.${extension}`;
    add(seededBytes(written.length, size), mediaType, fileName);
    total += size;
  }
  return written;
}

/** Incompressible bytes that are the same on every machine: AES-CTR over zeros, keyed by `index`. */
function seededBytes(index, size) {
  const key = createHash('sha256').update(`notevault bench attachment ${index}`).digest();
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

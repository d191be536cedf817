// NoteVault backup benchmark: runs the BUILT engine (out/main; `npm run bench` builds
// first) on realistic notes databases and compares every figure with references measured
// on the same bytes. Prints a table and PASS/FAIL per target, writes bench/results.json.
//
//   node bench/run.mjs [--large] [--sizes 10,100] [--routes 10,15,16,24,32,62] [--runs 2] [--profile]
//                      [--notes 100000] [--attachments-mib 1024] [--strict] [--native-binding <better_sqlite3.node>]
//
// --notes gives the size of the notes-at-scale database (start, open, search and list figures
// against their targets; none skips them) and --attachments-mib how many MiB of attachments it
// holds (0 for none: quicker to generate the first time); --no-window skips the window's figures
// (the built renderer in Chromium on that database: first list entry, frames while scrolling);
// --large adds a 1 GiB database; --sizes none skips the throughput table (for the route
// comparison alone); --routes gives the sizes at which the in-memory route is measured next to
// the file route (none: skip); sizes above the in-memory limit are measured with the limit
// raised, for information, since the app takes the file route there; --profile also times each step of a backup on
// its own (snapshot, integrity check, hashing, encryption and decryption at several chunk
// sizes); --strict exits 1 when a target fails (otherwise 0); --native-binding hands the jobs a
// better-sqlite3 addon built for the Node running the bench (to measure under another Node).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { notesDatabase } from './generate-notes.mjs';
import { measureJobs } from './jobs.mjs';
import { formatProfile, profileSteps } from './profile-steps.mjs';
import { measureReferences } from './references.mjs';
import { scaleDatabase } from './generate-scale.mjs';
import { measureScale, SCALE_TARGETS } from './measure-scale.mjs';
import { measureWindow } from './measure-window.mjs';
import {
  checkRoutes,
  checkTargets,
  formatChecks,
  formatPhases,
  formatRoutes,
  formatTable,
  rowsFor,
  TARGETS,
} from './report.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
const DATA = join(HERE, '.data');
const MIB = 1024 * 1024;
const PATHS = {
  engine: join(ROOT, 'out', 'bench', 'bench-engine.js'),
  scaleEngine: join(ROOT, 'out', 'bench', 'scale-engine.js'),
  worker: join(ROOT, 'out', 'main', 'backup-job-worker.js'),
};

const { values } = parseArgs({
  // --no-window: parseArgs reads a "--no-" boolean only when told to (Node 20.16+, 22.4+).
  allowNegative: true,
  options: {
    large: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    runs: { type: 'string', default: '2' },
    profile: { type: 'boolean', default: false },
    routes: { type: 'string', default: '10,15,16,24,32,62' },
    'native-binding': { type: 'string' },
    notes: { type: 'string', default: '100000' },
    window: { type: 'boolean', default: true },
    'attachments-mib': { type: 'string', default: '1024' },
  },
});
const sizeList = (text) => (text === 'none' ? [] : text.split(',').map(Number));
const sizesMiB = values.sizes ? sizeList(values.sizes) : [10, 100, ...(values.large ? [1024] : [])];
const routeSizesMiB = sizeList(values.routes);
const runs = Number(values.runs);
const nativeBinding = values['native-binding'];
const scaleNotes = values.notes === 'none' ? 0 : Number(values.notes);
const attachmentMiB = Number(values['attachments-mib']);
if (
  [...sizesMiB, ...routeSizesMiB].some((s) => !Number.isFinite(s) || s <= 0) ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  !Number.isInteger(scaleNotes) ||
  scaleNotes < 0 ||
  !Number.isInteger(attachmentMiB) ||
  attachmentMiB < 0
) {
  console.error(
    'bench: --sizes and --routes take MiB figures like 10,100 (none skips that part), ' +
      '--runs a whole number of at least 1, --notes a number of notes (or none) and ' +
      '--attachments-mib a whole number of MiB',
  );
  process.exit(2);
}
for (const file of Object.values(PATHS)) {
  if (!existsSync(file)) {
    console.error(`bench: ${file} is missing; run "npm run build" first (or "npm run bench", which does).`);
    process.exit(2);
  }
}

const log = (text) => console.log(text);
const loadAverageAtStart = loadavg();
const require = createRequire(import.meta.url);
const engine = require(PATHS.engine);

const kdf = engine.defaultKdfParams();
const deriveStarted = performance.now();
// Derived once, here: the jobs get the key, so their figures exclude Argon2id.
const key = await engine.deriveKey('a benchmark passkey', kdf);
const deriveMs = performance.now() - deriveStarted;
log(
  `Argon2id key derivation (opslimit ${kdf.opslimit}, ${kdf.memlimit / 1024 / 1024} MiB): ${(deriveMs / 1000).toFixed(2)} s`,
);

const work = await mkdtemp(join(tmpdir(), 'notevault-bench-'));
const jobSetup = { paths: PATHS, runs, log, keySource: { key, kdf }, tempParent: work, nativeBinding };
const sizeLabel = (mebibytes) => (mebibytes >= 1024 ? `${mebibytes / 1024} GiB` : `${mebibytes} MiB`);
const sizes = [];
const routes = [];
let scale;
try {
  // First, while the machine is freshest: the figures people feel every day.
  if (scaleNotes > 0) {
    const scaleEngine = require(PATHS.scaleEngine);
    const db = await scaleDatabase(
      scaleEngine,
      DATA,
      { notes: scaleNotes, attachmentMiB },
      log,
      nativeBinding,
    );
    log(
      `\n${scaleNotes} notes (${(db.bytes / MIB).toFixed(0)} MiB with ${attachmentMiB} MiB of attachments): start, open, search, list...`,
    );
    scale = await measureScale(scaleEngine, db, log, nativeBinding);
    if (values.window) scale.window = await measureWindow(db.file, work, log);
  }
  for (const mebibytes of sizesMiB) {
    const db = await notesDatabase(engine, DATA, mebibytes, log, nativeBinding);
    const label = sizeLabel(mebibytes);
    log(`\n${label}: ${db.notes} notes, ${(db.bytes / 1e6).toFixed(1)} MB; measuring references...`);
    const references = await measureReferences(db.file, work, Math.max(runs, 3));
    const folder = join(work, `size-${mebibytes}`);
    await mkdir(folder);
    const jobs = await measureJobs({ ...jobSetup, dbFile: db.file, folder });
    const profile = values.profile ? await profileSteps(engine, db.file, folder, key, kdf) : undefined;
    sizes.push({ label, mebibytes, bytes: db.bytes, notes: db.notes, references, jobs, profile });
    await rm(folder, { recursive: true, force: true });
  }
  // The in-memory route next to the file route forced with inMemoryLimit 0, on the same
  // database in the same run: the file route's memory does not grow with the database, so it
  // is the fixed part the in-memory route is compared with. Up to IN_MEMORY_LIMIT the in-memory
  // route is the engine's default; above it the limit is raised for this measurement only, to
  // show what a higher limit would cost (the app takes the file route there).
  for (const mebibytes of routeSizesMiB) {
    const db = await notesDatabase(engine, DATA, mebibytes, log, nativeBinding);
    const label = sizeLabel(mebibytes);
    const aboveLimit = db.bytes > engine.IN_MEMORY_LIMIT;
    log(
      `\n${label}: ${db.notes} notes, ${(db.bytes / 1e6).toFixed(1)} MB; in-memory route` +
        `${aboveLimit ? ' (above the limit: forced)' : ''}, then file route...`,
    );
    const jobs = {};
    for (const [route, inMemoryLimit] of [
      ['memory', aboveLimit ? Number.POSITIVE_INFINITY : undefined],
      ['file', 0],
    ]) {
      const folder = join(work, `route-${route}-${mebibytes}`);
      await mkdir(folder);
      jobs[route] = await measureJobs({
        ...jobSetup,
        dbFile: db.file,
        folder,
        inMemoryLimit,
        overLive: true,
        drill: false,
      });
      await rm(folder, { recursive: true, force: true });
    }
    routes.push({ label, mebibytes, bytes: db.bytes, notes: db.notes, aboveLimit, jobs });
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

const rows = sizes.flatMap(rowsFor);
const checks = [
  ...(scale?.checks ?? []),
  ...(scale?.window?.checks ?? []),
  ...checkTargets(sizes, engine.IN_MEMORY_LIMIT),
  ...checkRoutes(routes, engine.IN_MEMORY_LIMIT),
];
log(`\n${formatTable(rows)}`);
log('\nPhases (seconds, from progress reports; peak RSS growth in MiB during each, worst run):');
log(formatPhases(sizes));
if (values.profile) {
  log('\nBackup steps timed one by one (file path, in this thread):');
  log(sizes.map((size) => formatProfile(size.label, size.bytes, size.profile)).join('\n'));
}
if (routes.length > 0) {
  log(
    `\nIn-memory route (the default for databases up to ${engine.IN_MEMORY_LIMIT / MIB} MiB; above it forced ` +
      `for information) vs file route (inMemoryLimit 0), ` +
      `peak RSS growth, worst run; "restore over live" replaces a copy of the same database, so it includes ` +
      `the safety backup (${process.version}):`,
  );
  log(formatRoutes(routes));
}
log(`\nTargets:\n${formatChecks(checks)}`);
log(
  `\nLoad average at start ${loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (${cpus().length} CPUs).`,
);

const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    platform: process.platform,
    // Other work on the machine slows every figure and lengthens main-thread stalls.
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
  },
  kdf: { opslimit: kdf.opslimit, memlimit: kdf.memlimit, deriveMs },
  inMemoryLimit: engine.IN_MEMORY_LIMIT,
  targets: { ...TARGETS, scale: SCALE_TARGETS },
  scale: scale && { ...scale, checks: undefined },
  sizes: sizes.map(({ jobs, ...size }) => ({ ...size, jobs: jobFigures(jobs) })),
  routes: routes.map(({ jobs, ...size }) => ({
    ...size,
    jobs: { memory: jobFigures(jobs.memory), file: jobFigures(jobs.file) },
  })),
  rows,
  checks,
};
await writeFile(join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
log('\nWrote bench/results.json');
if (values.strict && checks.some((c) => c.pass === false)) process.exit(1);

/** What results.json keeps of each measured job. */
function jobFigures(jobs) {
  return Object.fromEntries(
    Object.entries(jobs).map(([name, job]) => [
      name,
      {
        ms: job.ms,
        rssGrowth: job.rssGrowth,
        maxStallMs: job.maxStallMs,
        p99StallMs: job.p99StallMs,
        idleMaxStallMs: job.idleMaxStallMs,
        mainThreadUtilization: job.mainThreadUtilization,
        phaseMs: job.phaseMs,
        phasePeakRssGrowth: job.phasePeakRssGrowth,
      },
    ]),
  );
}

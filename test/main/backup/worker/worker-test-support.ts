/**
 * Shared by the tests that run the real job worker (here and in src-main/cli). Node 20
 * cannot load TypeScript, so the worker entry is bundled once per test file with Vite's
 * build API, the same bundler the app uses, into a temporary folder; dependencies stay
 * external and load from node_modules as in the built app. Not imported by production code.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { closeNotesDatabase, openNotesDatabase } from '../../../../src-main/db/open-database';
import { NotesRepository } from '../../../../src-main/db/notes-repository';

export interface BuiltWorker {
  folder: string;
  /** The bundled backup-job-worker.js. */
  workerPath: string;
  /**
   * A wrapper that runs the same bundle but kills its own thread (process.exit, so no
   * finally block runs) the moment the job reaches `phase`: a stand-in for a native crash
   * or an out-of-memory kill at the worst time, after plaintext exists on disk.
   */
  crashingWorkerPath(phase: string): Promise<string>;
  /** A worker that takes the job and then ignores every message: it never answers a cancel. */
  hungWorkerPath(): Promise<string>;
  /** The real worker with a timer that keeps its thread alive after it has answered. */
  lingeringWorkerPath(): Promise<string>;
  remove(): Promise<void>;
}

const EXTERNAL = [/^node:/, ...builtinModules, 'better-sqlite3', /^libsodium/, /^zod/];

const PROJECT_ROOT = resolve(__dirname, '../../../..');
// Inside the project, not the system temp folder: the bundle's require('better-sqlite3')
// resolves by walking up from the bundle's own folder to node_modules.
const BUILD_PARENT = join(PROJECT_ROOT, 'node_modules', '.cache');

export async function buildJobWorker(): Promise<BuiltWorker> {
  await mkdir(BUILD_PARENT, { recursive: true });
  const folder = await mkdtemp(join(BUILD_PARENT, 'notevault-test-worker-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: PROJECT_ROOT,
    // A worker thread is Node, not a browser: packages with a browser build (the Markdown
    // parser import uses reads HTML entities through `document` there) must resolve to
    // their Node build, as electron-vite's main build does.
    resolve: { conditions: ['node', 'module', 'import', 'default'] },
    build: {
      outDir: folder,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      lib: {
        entry: { 'backup-job-worker': resolve(PROJECT_ROOT, 'src-main/backup/worker/backup-job-worker.ts') },
        formats: ['cjs'],
        fileName: (_format, name) => `${name}.js`,
      },
      rollupOptions: { external: EXTERNAL },
    },
  });
  const workerPath = join(folder, 'backup-job-worker.js');
  return {
    folder,
    workerPath,
    async crashingWorkerPath(phase) {
      const file = join(folder, `crash-at-${phase}.js`);
      await writeFile(
        file,
        [
          "const { parentPort } = require('node:worker_threads');",
          'const post = parentPort.postMessage.bind(parentPort);',
          'parentPort.postMessage = (message) => {',
          `  if (message.type === 'progress' && message.progress.phase === ${JSON.stringify(phase)}) process.exit(70);`,
          '  post(message);',
          '};',
          `require(${JSON.stringify(workerPath)});`,
        ].join('\n'),
      );
      return file;
    },
    async hungWorkerPath() {
      const file = join(folder, 'hung.js');
      await writeFile(file, "require('node:worker_threads').parentPort.on('message', () => undefined);\n");
      return file;
    },
    async lingeringWorkerPath() {
      const file = join(folder, 'lingering.js');
      await writeFile(file, `setInterval(() => undefined, 1000);\nrequire(${JSON.stringify(workerPath)});\n`);
      return file;
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

const WORDS = (
  'note meeting project idea errand draft review garden recipe travel budget plan book chapter ' +
  'summary question answer detail link image table list code snippet reminder weekly daily ' +
  'release bug feature design sketch research paper quote thought journal habit goal'
).split(' ');

/** Markdown-ish text of about `bytes` bytes: headings, lists and sentences from a small vocabulary. */
export function markdownText(bytes: number, seed: number): string {
  let x = seed >>> 0 || 1;
  const next = (n: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const words = Array.from({ length: 5 + next(12) }, () => WORDS[next(WORDS.length)] ?? 'note');
    const kind = next(10);
    const line =
      kind === 0
        ? `\n## ${words.slice(0, 3).join(' ')}\n`
        : kind < 3
          ? `- ${words.join(' ')}`
          : `${words.join(' ')}.`;
    parts.push(line);
    length += line.length + 1;
  }
  return parts.join('\n').slice(0, bytes);
}

/**
 * A real notes database (migrations, FTS index) with `notes` notes of about `bodyBytes`
 * each, written through the repository as the app would.
 */
export function createNotesDatabase(file: string, notes: number, bodyBytes: number): void {
  const db = openNotesDatabase(file);
  try {
    const repository = new NotesRepository(db);
    db.transaction(() => {
      for (let i = 0; i < notes; i++) {
        repository.create({
          title: `Note ${i + 1}: ${markdownText(40, i + 7).split('\n')[0] ?? ''}`,
          body: markdownText(bodyBytes, i + 1),
        });
      }
    })();
  } finally {
    closeNotesDatabase(db);
  }
}

export function countNotes(file: string): number {
  const db = openNotesDatabase(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
  } finally {
    closeNotesDatabase(db);
  }
}

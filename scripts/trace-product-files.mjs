#!/usr/bin/env node
// Lists the files in the product folders (src-main, src-renderer, src-shared) that no build
// entry point reaches and that are not tests: code only tests use belongs in test/, where
// lint, the security scan and the bundles can tell it from the product by its path.
//
//   node scripts/trace-product-files.mjs [--root <dir>]     (exit 1 when any file is listed)
//
// Imports are read with TypeScript's own scanner (static, dynamic, `export from`, require),
// so a specifier inside a comment or a string is not mistaken for one. Only relative
// specifiers can point into the source folders: the tsconfigs define no path aliases.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const PRODUCT_FOLDERS = ['src-main', 'src-renderer', 'src-shared'];

/**
 * What electron-vite builds (electron.vite.config.mts): main, the CLI, the two workers the
 * app starts by path, the preload, and the renderer's page.
 */
export const ENTRY_POINTS = [
  'src-main/index.ts',
  'src-main/cli/cli.ts',
  'src-main/backup/worker/backup-job-worker.ts',
  'src-main/backup/format/derive-key-worker.ts',
  'src-main/preload/index.ts',
  'src-renderer/index.html',
];

const isTest = (path) => /\.test\.[cm]?[jt]sx?$/.test(path);
// Documentation beside code (a folder's README) is read by people, not imported; a
// declaration file adds global types through the tsconfig's include and emits no code.
const isNotCode = (path) => /\.md$/i.test(path) || /\.d\.[cm]?ts$/.test(path);
const RESOLVED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs', '.js'];

/** The file a relative specifier names, trying what Vite and TypeScript's Bundler mode try. */
function resolveRelative(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier.replace(/[?#].*$/, ''));
  const candidates = [base];
  // `./x.js` written for a `./x.ts` source (the ESM convention TypeScript accepts).
  if (/\.[cm]?js$/.test(base))
    candidates.push(base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.js$/, '.tsx'));
  for (const extension of RESOLVED_EXTENSIONS) candidates.push(base + extension);
  for (const extension of RESOLVED_EXTENSIONS) candidates.push(join(base, `index${extension}`));
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** The relative specifiers a file names: imports for code, src/href attributes for HTML. */
function specifiersOf(file) {
  const text = readFileSync(file, 'utf8');
  if (/\.html?$/i.test(file)) return [...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  if (!/\.[cm]?[jt]sx?$/.test(file)) return [];
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((imported) => imported.fileName);
}

/** Every file reachable from the entry points, as absolute paths. */
export function reachableFiles(root, entries = ENTRY_POINTS) {
  const seen = new Set();
  const queue = entries.map((entry) => {
    const path = join(root, entry);
    if (!existsSync(path)) throw new Error(`The entry point ${entry} does not exist.`);
    return path;
  });
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of specifiersOf(file)) {
      // Bare specifiers are packages; a leading `/` in HTML is the page's own root.
      const relativeSpecifier = specifier.startsWith('/') ? `.${specifier}` : specifier;
      if (!relativeSpecifier.startsWith('.')) continue;
      const target = resolveRelative(file, relativeSpecifier);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}

function filesUnder(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Files in the product folders that are neither reachable nor tests, relative to `root`, sorted. */
export function unreachableProductFiles(root, entries = ENTRY_POINTS) {
  const reachable = reachableFiles(root, entries);
  return PRODUCT_FOLDERS.flatMap((folder) => filesUnder(join(root, folder)))
    .filter((file) => !reachable.has(file) && !isTest(file) && !isNotCode(file))
    .map((file) => relative(root, file).replaceAll('\\', '/'))
    .sort();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rootFlag = process.argv.indexOf('--root');
  const root =
    rootFlag >= 0
      ? resolve(process.argv[rootFlag + 1] ?? '.')
      : resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const files = unreachableProductFiles(root);
  for (const file of files) console.log(file);
  console.log(
    files.length === 0
      ? 'Every file in the product folders is reached from a build entry point or is a test.'
      : `${files.length} files in ${PRODUCT_FOLDERS.join(', ')} are reached by no build entry point: move test-only code to test/.`,
  );
  process.exitCode = files.length === 0 ? 0 : 1;
}

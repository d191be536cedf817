/**
 * The Linux side's view of a case folder: writing the files a case starts from, reading back exactly
 * what is there once every Wine process has exited, and saying how that differs from what should be.
 * Reading from Linux, not from the runner, keeps the verdict independent of the code under test.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Tree } from './scenarios';
import { DIR, OTHER, PLAINTEXT_MARK } from './scenarios';

export function writeTree(root: string, tree: Tree): void {
  for (const [relative, entry] of Object.entries(tree)) {
    const path = join(root, relative);
    if (entry === DIR) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, entry);
    }
  }
}

/** Everything below `root` (folders as DIR, links as OTHER, never followed), relative paths with '/'. */
export function readTree(root: string, prefix = ''): Tree {
  const tree: Tree = {};
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      tree[relative] = DIR;
      Object.assign(tree, readTree(root, relative));
    } else if (entry.isFile()) {
      tree[relative] = readFileSync(join(root, relative));
    } else {
      tree[relative] = OTHER;
    }
  }
  return tree;
}

/** The tree with every folder that holds a file listed too, as readTree lists them. */
export function withFolders(tree: Tree): Tree {
  const full: Tree = { ...tree };
  for (const relative of Object.keys(tree)) {
    const parts = relative.split('/');
    for (let i = 1; i < parts.length; i++) full[parts.slice(0, i).join('/')] = DIR;
  }
  return full;
}

function describeEntry(entry: Tree[string]): string {
  if (entry === DIR) return 'a folder';
  if (entry === OTHER) return 'a link or special file';
  return `${entry.length} bytes`;
}

/** Differences as sentences; empty when the folder is exactly as expected. */
export function diffTrees(expected: Tree, actual: Tree): string[] {
  const want = withFolders(expected);
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(want)) {
    const found = actual[name];
    if (found === undefined) problems.push(`"${name}" is missing (expected ${describeEntry(entry)})`);
    else if (!Buffer.isBuffer(entry) || !Buffer.isBuffer(found)) {
      if (entry !== found)
        problems.push(`"${name}" is ${describeEntry(found)}, expected ${describeEntry(entry)}`);
    } else if (!entry.equals(found)) {
      problems.push(
        `"${name}" has the wrong content (${found.length} bytes, expected ${entry.length} bytes)`,
      );
    }
  }
  for (const [name, entry] of Object.entries(actual)) {
    if (!(name in want)) problems.push(`"${name}" is left over (${describeEntry(entry)})`);
  }
  return problems.sort();
}

/** Files that still contain plaintext note bodies. */
export function filesWithPlaintext(tree: Tree): string[] {
  const mark = Buffer.from(PLAINTEXT_MARK, 'utf8');
  return Object.entries(tree)
    .filter(([, entry]) => Buffer.isBuffer(entry) && entry.includes(mark))
    .map(([name]) => name)
    .sort();
}

import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../main/fsx/test-faults';
import { diffTrees, filesWithPlaintext, readTree, withFolders, writeTree } from './case-files';
import { DIR, OTHER, plaintextFor } from './scenarios';

const temp = tempFolders();
afterEach(() => temp.cleanup());

const A = Buffer.from('alpha');
const B = Buffer.from('bravo');

describe('writeTree and readTree', () => {
  it('read back exactly the files and folders written, folders included', async () => {
    const root = await temp.make();
    writeTree(root, { 'a.bin': A, 'sub/deeper/b.bin': B, empty: DIR });

    expect(readTree(root)).toEqual({
      'a.bin': A,
      empty: DIR,
      sub: DIR,
      'sub/deeper': DIR,
      'sub/deeper/b.bin': B,
    });
  });

  it('lists a symbolic link as an entry of its own, never following it into a folder', async () => {
    const root = await temp.make();
    writeTree(root, { 'real/file.bin': A });
    await symlink(join(root, 'real'), join(root, 'link'));

    expect(readTree(root)).toEqual({ link: OTHER, real: DIR, 'real/file.bin': A });
  });
});

describe('diffTrees', () => {
  it('finds nothing when the folder is exactly as expected (folders implied by files)', () => {
    expect(diffTrees({ 'x/a.bin': A }, { x: DIR, 'x/a.bin': A })).toEqual([]);
  });

  it('names missing, left-over and changed files, and a folder where a file should be', () => {
    const problems = diffTrees(
      { 'keep.bin': A, 'gone.bin': A, thing: A },
      { 'keep.bin': B, 'extra.partial': B, thing: DIR },
    );

    expect(problems).toEqual([
      '"extra.partial" is left over (5 bytes)',
      '"gone.bin" is missing (expected 5 bytes)',
      '"keep.bin" has the wrong content (5 bytes, expected 5 bytes)',
      '"thing" is a folder, expected 5 bytes',
    ]);
  });

  it('reports an empty folder left behind', () => {
    expect(diffTrees({}, { 'notevault-tmp-backup-Ab12Cd': DIR })).toEqual([
      '"notevault-tmp-backup-Ab12Cd" is left over (a folder)',
    ]);
  });
});

describe('withFolders', () => {
  it('adds every parent folder of every file', () => {
    expect(withFolders({ 'a/b/c.bin': A })).toEqual({ a: DIR, 'a/b': DIR, 'a/b/c.bin': A });
  });
});

describe('filesWithPlaintext', () => {
  it('finds the plaintext mark anywhere in a file, also in the middle of random bytes', async () => {
    const root = await temp.make();
    await writeFile(join(root, 'clean.bin'), B);
    await writeFile(join(root, 'dirty.bin'), Buffer.concat([B, plaintextFor('x', 1), B]));

    expect(filesWithPlaintext(readTree(root))).toEqual(['dirty.bin']);
  });
});

import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrivateFileSync, tightenPrivateSync } from './private-modes';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-private-modes-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const modeOf = (path: string) => (lstatSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('createPrivateFileSync', () => {
  it('creates an empty 0600 file', () => {
    const file = join(root, 'notes.db');
    expect(createPrivateFileSync(file)).toBe(true);
    expect(modeOf(file)).toBe('600');
    expect(statSync(file).size).toBe(0);
  });

  it('leaves an existing file as it is, and never creates through a link', () => {
    const file = join(root, 'existing.db');
    writeFileSync(file, 'kept', { mode: 0o640 });
    expect(createPrivateFileSync(file)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('kept');
    expect(modeOf(file)).toBe('640');
    const planted = join(root, 'planted.db');
    symlinkSync(join(root, 'target-elsewhere'), planted);
    expect(createPrivateFileSync(planted)).toBe(false);
    expect(existsSync(join(root, 'target-elsewhere'))).toBe(false);
  });
});

describe.skipIf(process.platform === 'win32')('tightenPrivateSync', () => {
  it('takes group and other bits off a file and a folder of the current user', () => {
    const file = join(root, 'notes.db');
    writeFileSync(file, 'notes');
    chmodSync(file, 0o644);
    const folder = join(root, 'userData');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    expect(tightenPrivateSync(file, 'file')).toBe(true);
    expect(tightenPrivateSync(folder, 'folder')).toBe(true);
    expect(modeOf(file)).toBe('600');
    expect(modeOf(folder)).toBe('700');
    expect(tightenPrivateSync(file, 'file')).toBe(false); // already private: nothing opened
  });

  it('never follows a link, and leaves a missing entry and another type alone', () => {
    const victim = join(root, 'victim');
    writeFileSync(victim, 'not ours to change');
    chmodSync(victim, 0o644);
    const link = join(root, 'notes.db');
    symlinkSync(victim, link);
    expect(tightenPrivateSync(link, 'file')).toBe(false);
    expect(modeOf(victim)).toBe('644');
    expect(tightenPrivateSync(join(root, 'missing.db'), 'file')).toBe(false);
    expect(tightenPrivateSync(victim, 'folder')).toBe(false);
    expect(modeOf(victim)).toBe('644');
  });

  it.runIf(process.getuid?.() === 0)("leaves another user's file alone", () => {
    const file = join(root, 'theirs.db');
    writeFileSync(file, 'theirs');
    chmodSync(file, 0o644);
    chownSync(file, 4242, 4242);
    expect(tightenPrivateSync(file, 'file')).toBe(false);
    expect(modeOf(file)).toBe('644');
  });
});

import { readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { nodeFileSystem } from './fs-seam';
import {
  createPrivateTempDir,
  isPrivateTempDirName,
  isWipeLeftoverName,
  TEMP_MARKER,
  wipeLeftoverName,
} from './private-temp';
import { currentOwner, ownerFromName } from './private-temp-owner';
import { scripted, tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

describe('createPrivateTempDir', () => {
  it('creates a uniquely named folder the sweep recognises, private to the user', async () => {
    const parent = await temp.make();
    const a = await createPrivateTempDir(parent, 'backup');
    const b = await createPrivateTempDir(parent, 'backup');
    expect(a).not.toBe(b);
    expect(dirname(a)).toBe(parent);
    expect(basename(a).startsWith(`${TEMP_MARKER.privateDirPrefix}backup-`)).toBe(true);
    expect(isPrivateTempDirName(basename(a))).toBe(true);
    expect((await stat(a)).mode & 0o777).toBe(0o700);
    expect((await readdir(parent)).sort()).toEqual([basename(a), basename(b)].sort());
  });

  it('names this process and thread as the owner, in the name mkdtemp creates at once', async () => {
    const parent = await temp.make();
    const dir = await createPrivateTempDir(parent, 'restore-check');
    expect(basename(dir)).toMatch(/^notevault-tmp-restore-check-pid[0-9]+(-st[0-9]+)?-th0-[A-Za-z0-9]{6}$/);
    expect(ownerFromName(basename(dir))).toEqual({ kind: 'owner', owner: currentOwner() });
  });

  it('creates a missing parent', async () => {
    const root = await temp.make();
    const dir = await createPrivateTempDir(join(root, 'tmp', 'deeper'), 'restore-check');
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('tightens the mode when the file system created the folder too open', async () => {
    const parent = await temp.make();
    const mkdtemp = scripted(
      async (prefix: string) => {
        const made = await nodeFileSystem.mkdtemp(prefix);
        await nodeFileSystem.chmod(made, 0o755);
        return made;
      },
      [],
      'mkdtemp',
    );
    const dir = await createPrivateTempDir(parent, 'backup', { fs: { ...nodeFileSystem, mkdtemp } });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it.each([
    '',
    'Backup',
    'back up',
    '../evil',
    'a--b',
    '-a',
    'x'.repeat(33),
    'notevault-tmp-',
    'pid',
    'x-pid7',
  ])('rejects the label %j', async (label) => {
    const parent = await temp.make();
    const error = await createPrivateTempDir(parent, label).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteVaultError);
    expect((error as NoteVaultError).code).toBe('VALIDATION');
    expect((error as NoteVaultError).message).toContain(`"${label}"`);
    expect(await readdir(parent)).toEqual([]);
  });

  it('reports a parent it cannot create as IO naming it', async () => {
    const root = await temp.make();
    await writeFile(join(root, 'a-file'), 'x');
    const parent = join(root, 'a-file', 'tmp');
    const error = (await createPrivateTempDir(parent, 'backup').catch((e: unknown) => e)) as NoteVaultError;
    expect(error).toBeInstanceOf(NoteVaultError);
    expect(error.code).toBe('IO');
    expect(error.message).toContain(parent);
    expect(await readdir(root)).toEqual(['a-file']);
  });
});

describe('leftover names', () => {
  it('recognises exactly the names this layer makes', () => {
    expect(isPrivateTempDirName('notevault-tmp-backup-Ab9xZ0')).toBe(true);
    expect(isPrivateTempDirName('notevault-tmp-restore-check-000000')).toBe(true);
    for (const name of [
      'notevault-tmp-backup',
      'notevault-tmp-backup-abc',
      'notevault-tmp-notes.txt',
      'xnotevault-tmp-backup-Ab9xZ0',
      'notevault-tmp-Backup-Ab9xZ0',
    ]) {
      expect(isPrivateTempDirName(name)).toBe(false);
    }
    expect(isWipeLeftoverName(wipeLeftoverName())).toBe(true);
    expect(wipeLeftoverName()).not.toBe(wipeLeftoverName());
    for (const name of [
      'notevault-wipe-',
      'notevault-wipe-xyz',
      `notevault-wipe-${'A'.repeat(32)}`,
      `notevault-wipe-${'a'.repeat(32)}.txt`,
    ]) {
      expect(isWipeLeftoverName(name)).toBe(false);
    }
  });
});

import { chmod, chown, lstat, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrivateTempDir } from './private-temp';
import { appTempRoot, cliTempRoot, ensurePrivateTempRoot } from './private-temp-root';
import { tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());
const posix = process.platform !== 'win32';
const isRoot = process.getuid?.() === 0;

describe('cliTempRoot', () => {
  it('uses a per-user folder on each platform, never the shared temp folder', () => {
    expect(
      cliTempRoot({ XDG_CACHE_HOME: '/data/cache', XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux', '/home/a'),
    ).toBe('/data/cache/notevault/tmp');
    expect(cliTempRoot({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/a')).toBe(
      '/home/a/.cache/notevault/tmp',
    );
    expect(cliTempRoot({}, 'linux', '/home/a')).toBe('/home/a/.cache/notevault/tmp');
    expect(cliTempRoot({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Caches/notevault/tmp');
    expect(cliTempRoot({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32', 'C:\\Users\\a')).toContain(
      join('NoteVault', 'tmp'),
    );
    expect(appTempRoot('/data')).toBe(join('/data', 'tmp'));
  });
});

describe.skipIf(!posix)('ensurePrivateTempRoot', () => {
  it('creates the root (and missing parents) with mode 0700', async () => {
    const root = join(await temp.make(), 'cache', 'notevault', 'tmp');
    await expect(ensurePrivateTempRoot(root)).resolves.toBe(root);
    expect((await lstat(root)).mode & 0o777).toBe(0o700);
    await expect(ensurePrivateTempRoot(root)).resolves.toBe(root); // and accepts it on every later use
  });

  it('refuses a root that is a link', async () => {
    const base = await temp.make();
    await mkdir(join(base, 'elsewhere'), { mode: 0o700 });
    await symlink(join(base, 'elsewhere'), join(base, 'tmp'));
    await expect(ensurePrivateTempRoot(join(base, 'tmp'))).rejects.toThrow(/is a link.*Delete that folder/);
  });

  it('refuses a root other users may reach', async () => {
    const root = join(await temp.make(), 'tmp');
    await mkdir(root);
    await chmod(root, 0o755);
    await expect(ensurePrivateTempRoot(root)).rejects.toThrow(/mode 755, expected 700/);
  });

  it.skipIf(!isRoot)(
    'refuses a root owned by another user (simulated as root with chown to 65534)',
    async () => {
      const root = join(await temp.make(), 'tmp');
      await mkdir(root, { mode: 0o700 });
      await chown(root, 65534, 65534);
      await expect(ensurePrivateTempRoot(root)).rejects.toThrow(/belongs to another user \(uid 65534\)/);
    },
  );
});

describe.skipIf(!posix)('assertSafeTempParent, checked by every createPrivateTempDir', () => {
  it('accepts the system temp folder (sticky) and a folder only the user can change', async () => {
    await expect(
      createPrivateTempDir(tmpdir(), 'check').then((dir) => rm(dir, { recursive: true })),
    ).resolves.toBe(undefined);
    await expect(createPrivateTempDir(await temp.make(), 'check')).resolves.toContain('notevault-tmp-check-');
  });

  it('refuses a parent others may write to without the sticky bit, making nothing there', async () => {
    const parent = join(await temp.make(), 'shared');
    await mkdir(parent);
    await chmod(parent, 0o777);
    await expect(createPrivateTempDir(parent, 'backup')).rejects.toThrow(
      /other users may change it \(mode 777\)/,
    );
    expect(await readdir(parent)).toEqual([]);
  });

  it.skipIf(!isRoot)(
    'refuses a parent owned by another user (simulated as root with chown to 65534)',
    async () => {
      const parent = join(await temp.make(), 'theirs');
      await mkdir(parent, { mode: 0o755 });
      await chown(parent, 65534, 65534);
      await expect(createPrivateTempDir(parent, 'backup')).rejects.toThrow(
        /belongs to another user \(uid 65534\)/,
      );
      expect(await readdir(parent)).toEqual([]);
    },
  );
});

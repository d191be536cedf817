import { readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { publishFile, writeFileAtomic } from './atomic-publish';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { isAtomicPartialName } from './partial-names';
import { fakeClock, fsError, scripted, tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

async function caught(promise: Promise<unknown>): Promise<NoteVaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoteVaultError);
  return error as NoteVaultError;
}

/** Opens real handles whose `method` fails with `code`. */
function handleFailing(method: 'write' | 'sync' | 'close', code: string): FileSystem['open'] {
  return async (path, flags, mode) => {
    const handle = await nodeFileSystem.open(path, flags, mode);
    const realClose = handle.close.bind(handle);
    const failing = async () => {
      if (method === 'close') await realClose(); // really close so the test leaks no descriptor
      throw fsError(code, method === 'sync' ? 'fsync' : method, path);
    };
    return Object.assign(handle, { [method]: failing });
  };
}

describe('writeFileAtomic', () => {
  it('writes a new file, replaces an existing one, and leaves no partial', async () => {
    const dir = await temp.make();
    const target = join(dir, 'settings.json');
    await writeFileAtomic(target, '{"theme":"dark"}');
    expect(await readFile(target, 'utf8')).toBe('{"theme":"dark"}');
    await writeFileAtomic(target, Buffer.from('{"theme":"light"}'));
    expect(await readFile(target, 'utf8')).toBe('{"theme":"light"}');
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('writes through a partial with a unique NoteVault name, created exclusively', async () => {
    const dir = await temp.make();
    const open = scripted(nodeFileSystem.open, [], 'open');
    await writeFileAtomic(join(dir, 'a.json'), 'x', { fs: { ...nodeFileSystem, open } });
    await writeFileAtomic(join(dir, 'a.json'), 'y', { fs: { ...nodeFileSystem, open } });
    const partials = open.calls.filter(([, flags]) => flags === 'wx').map(([path]) => path);
    expect(partials).toHaveLength(2);
    expect(partials[0]).not.toBe(partials[1]);
    for (const p of partials) expect(isAtomicPartialName(p.slice(dir.length + 1))).toBe(true);
  });

  const failurePoints: [string, (fs: FileSystem) => FileSystem][] = [
    ['open', (fs) => ({ ...fs, open: scripted(fs.open, ['ENOSPC'], 'open') })],
    ['write', (fs) => ({ ...fs, open: handleFailing('write', 'ENOSPC') })],
    ['fsync', (fs) => ({ ...fs, open: handleFailing('sync', 'EIO') })],
    ['close', (fs) => ({ ...fs, open: handleFailing('close', 'EIO') })],
    ['rename', (fs) => ({ ...fs, rename: scripted(fs.rename, ['EACCES', '*'], 'rename') })],
  ];

  it.each(failurePoints)(
    'a failure at %s leaves no partial and the old file intact',
    async (step, inject) => {
      const dir = await temp.make();
      const target = join(dir, 'settings.json');
      await writeFile(target, 'old content');
      const clock = fakeClock();
      const error = await caught(
        writeFileAtomic(target, 'new content', {
          fs: inject({ ...nodeFileSystem, platform: 'win32' }),
          retry: { now: clock.now, sleep: clock.sleep, budgetMs: 200 },
        }),
      );
      expect(error.message).toContain(dir);
      expect(['IO', 'DISK_FULL', 'FILE_LOCKED']).toContain(error.code);
      if (step === 'rename') expect(error.code).toBe('FILE_LOCKED');
      expect(await readdir(dir)).toEqual(['settings.json']);
      expect(await readFile(target, 'utf8')).toBe('old content');
    },
  );

  it('retries replacing a target that another program holds (EPERM on Windows)', async () => {
    const dir = await temp.make();
    const target = join(dir, 'settings.json');
    await writeFile(target, 'old');
    const rename = scripted(nodeFileSystem.rename, ['EPERM', 'EPERM'], 'rename');
    const clock = fakeClock();
    await writeFileAtomic(target, 'new', {
      fs: { ...nodeFileSystem, platform: 'win32', rename },
      retry: { now: clock.now, sleep: clock.sleep },
    });
    expect(rename.calls).toHaveLength(3);
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('fsyncs the folder on POSIX and skips that on Windows', async () => {
    for (const platform of ['linux', 'win32'] as const) {
      const dir = await temp.make();
      const open = scripted(nodeFileSystem.open, [], 'open');
      await writeFileAtomic(join(dir, 'a.json'), 'x', { fs: { ...nodeFileSystem, platform, open } });
      const folderOpens = open.calls.filter(([path]) => path === dir);
      expect(folderOpens).toHaveLength(platform === 'win32' ? 0 : 1);
    }
  });

  it('with overwrite false refuses to replace an existing file', async () => {
    const dir = await temp.make();
    const target = join(dir, 'notes.nvbak');
    await writeFile(target, 'earlier backup');
    const error = await caught(writeFileAtomic(target, 'new', { overwrite: false }));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(target);
    expect(error.message).toContain('already exists');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EEXIST');
    expect(await readFile(target, 'utf8')).toBe('earlier backup');
    expect(await readdir(dir)).toEqual(['notes.nvbak']);
  });

  it('does not remove a partial it did not create', async () => {
    const dir = await temp.make();
    const open = scripted(nodeFileSystem.open, ['EEXIST'], 'open');
    const unlink = scripted(nodeFileSystem.unlink, [], 'unlink');
    await caught(writeFileAtomic(join(dir, 'a.json'), 'x', { fs: { ...nodeFileSystem, open, unlink } }));
    expect(unlink.calls).toHaveLength(0);
  });

  it('reports a missing folder as IO naming the file', async () => {
    const dir = await temp.make();
    const target = join(dir, 'missing', 'settings.json');
    const error = await caught(writeFileAtomic(target, 'x'));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(join(dir, 'missing'));
  });
});

describe('publishFile', () => {
  it('moves a written partial into place and removes the partial name', async () => {
    const dir = await temp.make();
    const partial = join(dir, 'notes.nvbak.partial');
    const final = join(dir, 'notes.nvbak');
    await writeFile(partial, 'ciphertext');
    await publishFile(partial, final);
    expect(await readFile(final, 'utf8')).toBe('ciphertext');
    expect(await readdir(dir)).toEqual(['notes.nvbak']);
  });

  it('fsyncs the partial through a writable handle before renaming', async () => {
    const dir = await temp.make();
    const partial = join(dir, 'b.partial');
    await writeFile(partial, 'x');
    const order: string[] = [];
    const open: FileSystem['open'] = async (path, flags, mode) => {
      const handle = await nodeFileSystem.open(path, flags, mode);
      const sync = handle.sync.bind(handle);
      return Object.assign(handle, {
        sync: async () => {
          order.push(`sync ${path === partial ? 'partial' : 'folder'} ${flags}`);
          return sync();
        },
      });
    };
    const rename: FileSystem['rename'] = async (from, to) => {
      order.push('rename');
      return nodeFileSystem.rename(from, to);
    };
    await publishFile(partial, join(dir, 'b'), {
      fs: { ...nodeFileSystem, platform: 'linux', open, rename },
    });
    expect(order).toEqual(['sync partial r+', 'rename', 'sync folder r']);
  });

  it('with overwrite false refuses an existing final file, keeps it, and removes the partial', async () => {
    const dir = await temp.make();
    const partial = join(dir, 'notes.nvbak.partial');
    const final = join(dir, 'notes.nvbak');
    await writeFile(partial, 'new');
    await writeFile(final, 'old');
    const error = await caught(publishFile(partial, final, { overwrite: false }));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(final);
    expect(await readFile(final, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['notes.nvbak']);
  });

  it('with overwrite false publishes when the name is free, also where hard links are unsupported', async () => {
    for (const fs of [
      nodeFileSystem,
      { ...nodeFileSystem, link: scripted(nodeFileSystem.link, ['EPERM', '*'], 'link') },
    ]) {
      const dir = await temp.make();
      const partial = join(dir, 'n.nvbak.partial');
      await writeFile(partial, 'data');
      await publishFile(partial, join(dir, 'n.nvbak'), { overwrite: false, fs });
      expect(await readdir(dir)).toEqual(['n.nvbak']);
      expect(await readFile(join(dir, 'n.nvbak'), 'utf8')).toBe('data');
      // On the fallback path an existing file is still refused.
      await writeFile(partial, 'again');
      await expect(
        publishFile(partial, join(dir, 'n.nvbak'), { overwrite: false, fs }),
      ).rejects.toMatchObject({ code: 'IO' });
      expect(await readFile(join(dir, 'n.nvbak'), 'utf8')).toBe('data');
      expect(await readdir(dir)).toEqual(['n.nvbak']);
    }
  });

  it('with hardLink false never makes a second name: it checks, then renames once', async () => {
    const dir = await temp.make();
    const partial = join(dir, 'n.nvbak.partial');
    const final = join(dir, 'n.nvbak');
    const link = scripted(nodeFileSystem.link, [], 'link');
    const rename = scripted(nodeFileSystem.rename, [], 'rename');
    const fs = { ...nodeFileSystem, link, rename };
    await writeFile(partial, 'data');
    await publishFile(partial, final, { overwrite: false, hardLink: false, fs });
    await writeFile(partial, 'again');
    await expect(
      publishFile(partial, final, { overwrite: false, hardLink: false, fs }),
    ).rejects.toMatchObject({
      code: 'IO',
    });
    expect(link.calls).toEqual([]);
    expect(rename.calls).toEqual([[partial, final]]);
    expect(await readFile(final, 'utf8')).toBe('data');
    expect(await readdir(dir)).toEqual(['n.nvbak']);
  });

  it('with overwrite false never writes through a dangling link at the final name', async () => {
    const dir = await temp.make();
    await symlink(join(dir, 'elsewhere'), join(dir, 'n.nvbak'));
    await writeFile(join(dir, 'n.nvbak.partial'), 'data');
    await expect(
      publishFile(join(dir, 'n.nvbak.partial'), join(dir, 'n.nvbak'), { overwrite: false }),
    ).rejects.toMatchObject({
      code: 'IO',
    });
    expect((await readdir(dir)).sort()).toEqual(['n.nvbak']);
  });

  it.each([
    ['open', (fs: FileSystem): FileSystem => ({ ...fs, open: scripted(fs.open, ['EBUSY', '*'], 'open') })],
    ['fsync', (fs: FileSystem): FileSystem => ({ ...fs, open: handleFailing('sync', 'EIO') })],
    [
      'rename',
      (fs: FileSystem): FileSystem => ({ ...fs, rename: scripted(fs.rename, ['EPERM', '*'], 'rename') }),
    ],
  ])('a failure at %s leaves no partial and the existing final intact', async (_step, inject) => {
    const dir = await temp.make();
    const partial = join(dir, 'notes.nvbak.partial');
    const final = join(dir, 'notes.nvbak');
    await writeFile(partial, 'new');
    await writeFile(final, 'old');
    const clock = fakeClock();
    await caught(
      publishFile(partial, final, {
        fs: inject({ ...nodeFileSystem, platform: 'win32' }),
        retry: { now: clock.now, sleep: clock.sleep, budgetMs: 100 },
      }),
    );
    expect(await readdir(dir)).toEqual(['notes.nvbak']);
    expect(await readFile(final, 'utf8')).toBe('old');
  });

  it('reports a missing partial as IO naming it', async () => {
    const dir = await temp.make();
    const partial = join(dir, 'gone.partial');
    const error = await caught(publishFile(partial, join(dir, 'gone')));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(partial);
  });

  it('tolerates file systems that cannot fsync a folder, but not a failing drive', async () => {
    for (const [code, fails] of [
      ['EINVAL', false],
      ['EIO', true],
    ] as const) {
      const dir = await temp.make();
      await writeFile(join(dir, 'p'), 'x');
      const open: FileSystem['open'] = async (path, flags, mode) =>
        path === dir
          ? handleFailing('sync', code)(path, flags, mode)
          : nodeFileSystem.open(path, flags, mode);
      const run = publishFile(join(dir, 'p'), join(dir, 'f'), {
        fs: { ...nodeFileSystem, platform: 'linux', open },
      });
      if (fails) await expect(run).rejects.toMatchObject({ code: 'IO' });
      else await run;
      expect(await readdir(dir)).toEqual(['f']);
    }
  });
});

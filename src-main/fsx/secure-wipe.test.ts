import { lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { createPrivateTempDir, isWipeLeftoverName } from './private-temp';
import { secureWipe, secureWipeDirectory, WIPE_CHUNK_BYTES } from './secure-wipe';
import { fakeClock, scripted, tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

/** Deterministic "random" bytes that differ per chunk, recording each request. */
function patternSource() {
  const requests: number[] = [];
  let counter = 0;
  const produced: Buffer[] = [];
  const random = (n: number) => {
    requests.push(n);
    const bytes = Buffer.alloc(n);
    for (let i = 0; i < n; i++) bytes[i] = (counter + i * 7 + 13) & 0xff;
    counter++;
    produced.push(bytes);
    return bytes;
  };
  return { random, requests, produced: () => Buffer.concat(produced) };
}

/** A file system that captures the file's bytes right before each unlink. */
function recordingUnlink(base: FileSystem = nodeFileSystem) {
  const seen: { path: string; content: Buffer }[] = [];
  const fs: FileSystem = {
    ...base,
    unlink: async (path) => {
      seen.push({ path, content: await readFile(path) });
      return base.unlink(path);
    },
  };
  return { fs, seen };
}

async function caught(promise: Promise<unknown>): Promise<NoteVaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoteVaultError);
  return error as NoteVaultError;
}

describe('secureWipe', () => {
  it('overwrites the whole content with the random bytes, renames it to a wipe name, and deletes it', async () => {
    const dir = await temp.make();
    const file = join(dir, 'snapshot.db');
    const plaintext = Buffer.from('SQLite format 3\0 my secret diary entry '.repeat(1000));
    await writeFile(file, plaintext);
    const source = patternSource();
    const { fs, seen } = recordingUnlink();

    await secureWipe(file, { fs, random: source.random });

    expect(seen).toHaveLength(1);
    const [removed] = seen;
    expect(isWipeLeftoverName(basename(removed!.path))).toBe(true);
    expect(removed!.content.length).toBe(plaintext.length);
    expect(removed!.content.equals(source.produced())).toBe(true);
    expect(removed!.content.includes('secret diary')).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('wipes a large file through a bounded buffer', async () => {
    const dir = await temp.make();
    const file = join(dir, 'big.db');
    const size = 5 * WIPE_CHUNK_BYTES + 12345;
    await writeFile(file, Buffer.alloc(size, 0x41));
    const source = patternSource();
    const { fs, seen } = recordingUnlink();

    await secureWipe(file, { fs, random: source.random });

    expect(Math.max(...source.requests)).toBe(WIPE_CHUNK_BYTES);
    expect(source.requests).toHaveLength(6);
    expect(source.requests.reduce((a, b) => a + b, 0)).toBe(size);
    expect(seen[0]!.content.equals(source.produced())).toBe(true);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('uses real random bytes by default', async () => {
    const dir = await temp.make();
    const file = join(dir, 'x.db');
    await writeFile(file, Buffer.alloc(3 * 1024 * 1024 + 7, 0));
    const { fs, seen } = recordingUnlink();
    await secureWipe(file, { fs });
    const content = seen[0]!.content;
    expect(content.length).toBe(3 * 1024 * 1024 + 7);
    const zeros = content.reduce((n, byte) => n + (byte === 0 ? 1 : 0), 0);
    expect(zeros / content.length).toBeLessThan(0.01); // random data: about 1 in 256 bytes is zero
    // The chunks are not copies of one buffer.
    expect(content.subarray(0, 64).equals(content.subarray(1024 * 1024, 1024 * 1024 + 64))).toBe(false);
  });

  it('is a no-op for a missing file', async () => {
    const dir = await temp.make();
    const open = scripted(nodeFileSystem.open, [], 'open');
    await expect(
      secureWipe(join(dir, 'gone.db'), { fs: { ...nodeFileSystem, open } }),
    ).resolves.toBeUndefined();
    expect(open.calls).toHaveLength(0);
  });

  it('removes an empty file', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'empty'), '');
    await secureWipe(join(dir, 'empty'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('retries a locked rename and still finishes', async () => {
    const dir = await temp.make();
    const file = join(dir, 'snapshot.db');
    await writeFile(file, 'secret');
    const rename = scripted(nodeFileSystem.rename, ['EBUSY', 'EPERM', 'EBUSY'], 'rename');
    const clock = fakeClock();
    await secureWipe(file, {
      fs: { ...nodeFileSystem, platform: 'win32', rename },
      retry: { now: clock.now, sleep: clock.sleep },
    });
    expect(rename.calls).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    expect(await readdir(dir)).toEqual([]);
  });

  it('retries a locked write and fsync', async () => {
    const dir = await temp.make();
    const file = join(dir, 'snapshot.db');
    await writeFile(file, 'secret data');
    const clock = fakeClock();
    let failures = 0;
    const open: FileSystem['open'] = async (path, flags, mode) => {
      const handle = await nodeFileSystem.open(path, flags, mode);
      const flaky = (name: 'write' | 'sync') =>
        new Proxy(handle[name].bind(handle), {
          apply: (target, _thisArg, args: unknown[]) => {
            if (failures++ % 2 === 0)
              return Promise.reject(Object.assign(new Error('EBUSY'), { code: 'EBUSY' }));
            return Reflect.apply(target, undefined, args) as unknown;
          },
        });
      return Object.assign(handle, { write: flaky('write'), sync: flaky('sync') });
    };
    const { fs, seen } = recordingUnlink({ ...nodeFileSystem, platform: 'win32', open });
    await secureWipe(file, {
      fs,
      random: (n) => Buffer.alloc(n, 0x5a),
      retry: { now: clock.now, sleep: clock.sleep },
    });
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(2);
    expect(seen[0]!.content.toString()).toBe('Z'.repeat('secret data'.length));
  });

  it('never pretends: an overwrite locked beyond the budget throws FILE_LOCKED after still deleting', async () => {
    const dir = await temp.make();
    const file = join(dir, 'snapshot.db');
    await writeFile(file, 'secret');
    const open = scripted(nodeFileSystem.open, ['EBUSY', '*'], 'open');
    const clock = fakeClock();
    const error = await caught(
      secureWipe(file, {
        fs: { ...nodeFileSystem, platform: 'win32', open },
        retry: { now: clock.now, sleep: clock.sleep, budgetMs: 500 },
      }),
    );
    expect(error.code).toBe('FILE_LOCKED');
    expect(error.message).toContain(file);
    expect(error.message).toContain('deleted without being overwritten');
    expect(await readdir(dir)).toEqual([]);
  });

  it('says the file is still there when it can neither be overwritten nor deleted', async () => {
    const dir = await temp.make();
    const file = join(dir, 'snapshot.db');
    await writeFile(file, 'secret');
    const clock = fakeClock();
    const fs: FileSystem = {
      ...nodeFileSystem,
      platform: 'win32',
      open: scripted(nodeFileSystem.open, ['EBUSY', '*'], 'open'),
      unlink: scripted(nodeFileSystem.unlink, ['EBUSY', '*'], 'unlink'),
    };
    const error = await caught(
      secureWipe(file, { fs, retry: { now: clock.now, sleep: clock.sleep, budgetMs: 200 } }),
    );
    expect(error.code).toBe('FILE_LOCKED');
    expect(error.message).toContain('still on disk');
    expect(await readFile(file, 'utf8')).toBe('secret');
  });

  it('an overwrite that runs out of space is reported as DISK_FULL, not success', async () => {
    const dir = await temp.make();
    const file = join(dir, 'snapshot.db');
    await writeFile(file, 'secret');
    const open: FileSystem['open'] = async (path, flags, mode) => {
      const handle = await nodeFileSystem.open(path, flags, mode);
      return Object.assign(handle, {
        write: () =>
          Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
      });
    };
    const error = await caught(secureWipe(file, { fs: { ...nodeFileSystem, open } }));
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toContain(file);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes a symbolic link without touching what it points to', async () => {
    const dir = await temp.make();
    const precious = join(dir, 'precious.txt');
    await writeFile(precious, 'keep me');
    await symlink(precious, join(dir, 'link'));
    await secureWipe(join(dir, 'link'));
    expect(await readFile(precious, 'utf8')).toBe('keep me');
    expect(await readdir(dir)).toEqual(['precious.txt']);
  });

  it('refuses a folder', async () => {
    const dir = await temp.make();
    const error = await caught(secureWipe(dir));
    expect(error.code).toBe('VALIDATION');
  });

  it('rejects a byte source that returns the wrong length', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'f'), 'abc');
    const error = await caught(secureWipe(join(dir, 'f'), { random: () => new Uint8Array(1) }));
    expect(error.code).toBe('INTERNAL');
  });
});

describe('secureWipeDirectory', () => {
  it('wipes every file below a private temp folder and removes it', async () => {
    const parent = await temp.make();
    const dir = await createPrivateTempDir(parent, 'backup');
    await writeFile(join(dir, 'snapshot.db'), 'secret one');
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'nested', 'snapshot.db-journal'), 'secret two');
    const { fs, seen } = recordingUnlink();

    await secureWipeDirectory(dir, { fs, random: (n) => Buffer.alloc(n, 0x30) });

    expect(seen.map((s) => s.content.toString()).sort()).toEqual(['0'.repeat(10), '0'.repeat(10)]);
    expect(await readdir(parent)).toEqual([]);
  });

  it('refuses a folder without the private-temp marker', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'my-notes.txt'), 'do not touch');
    const error = await caught(secureWipeDirectory(dir));
    expect(error.code).toBe('VALIDATION');
    expect(await readFile(join(dir, 'my-notes.txt'), 'utf8')).toBe('do not touch');
  });

  it('refuses a private-temp name that is a link to another folder', async () => {
    const parent = await temp.make();
    const elsewhere = await temp.make();
    await writeFile(join(elsewhere, 'doc.txt'), 'keep');
    await symlink(elsewhere, join(parent, 'notevault-tmp-backup-AbC123'));
    const error = await caught(secureWipeDirectory(join(parent, 'notevault-tmp-backup-AbC123')));
    expect(error.code).toBe('VALIDATION');
    expect(await readFile(join(elsewhere, 'doc.txt'), 'utf8')).toBe('keep');
  });

  it('is a no-op when the folder does not exist', async () => {
    const parent = await temp.make();
    await expect(secureWipeDirectory(join(parent, 'notevault-tmp-backup-zzzzzz'))).resolves.toBeUndefined();
  });

  it('keeps wiping past a locked file, then reports it and keeps the folder', async () => {
    const parent = await temp.make();
    const dir = await createPrivateTempDir(parent, 'backup');
    await writeFile(join(dir, 'a.db'), 'locked one');
    await writeFile(join(dir, 'b.db'), 'free one');
    const clock = fakeClock();
    const open: FileSystem['open'] = (path, flags, mode) =>
      basename(path) === 'a.db'
        ? Promise.reject(Object.assign(new Error('EBUSY'), { code: 'EBUSY' }))
        : nodeFileSystem.open(path, flags, mode);
    const unlink: FileSystem['unlink'] = (path) =>
      basename(path) === 'a.db'
        ? Promise.reject(Object.assign(new Error('EBUSY'), { code: 'EBUSY' }))
        : nodeFileSystem.unlink(path);
    const error = await caught(
      secureWipeDirectory(dir, {
        fs: { ...nodeFileSystem, platform: 'win32', open, unlink },
        retry: { now: clock.now, sleep: clock.sleep, budgetMs: 100 },
      }),
    );
    expect(error.code).toBe('FILE_LOCKED');
    expect(error.message).toContain('a.db');
    expect(await readdir(dir)).toEqual(['a.db']);
    expect((await lstat(dir)).isDirectory()).toBe(true);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { copyBackupInto, recheckCopy } from './copy-into-folder';
import { underlyingCode } from './fs-errors';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { ownedPartialPath } from './partial-names';
import { lstatIfExists } from './retry';
import { fakeClock, fsError, scripted, tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

const NAME = 'NoteVault-2026-12-06T06-00-00Z.nvbak';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function caught(promise: Promise<unknown>): Promise<NoteVaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoteVaultError);
  return error as NoteVaultError;
}

/** A source backup (3.5 blocks, so the copy loop runs several times) and an empty destination. */
async function setup(size = 3.5 * 1024 * 1024) {
  const staging = await temp.make();
  const destination = await temp.make();
  const bytes = randomBytes(size);
  const source = join(staging, NAME);
  await writeFile(source, bytes);
  return { source, destination, bytes, expectedSha256: sha256(bytes) };
}

function windowsRetry() {
  const clock = fakeClock();
  return { clock, retry: { now: clock.now, sleep: clock.sleep, budgetMs: 300 } };
}

describe('copyBackupInto', () => {
  it('copies the whole file under its name, read back and hashed, with no partial left', async () => {
    const { source, destination, bytes, expectedSha256 } = await setup();
    const result = await copyBackupInto(source, destination, NAME, { expectedSha256 });
    const file = join(destination, NAME);
    expect(result).toEqual({ file, sha256: expectedSha256, size: bytes.length, alreadyThere: false });
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
    expect(await readdir(destination)).toEqual([NAME]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  function recordingFs(platform: NodeJS.Platform = nodeFileSystem.platform) {
    const open = scripted(nodeFileSystem.open, [], 'open');
    const rename = scripted(nodeFileSystem.rename, [], 'rename');
    const link = scripted(nodeFileSystem.link, [], 'link');
    const unlink = scripted(nodeFileSystem.unlink, [], 'unlink');
    const rm = scripted(nodeFileSystem.rm, [], 'rm');
    const rmdir = scripted(nodeFileSystem.rmdir, [], 'rmdir');
    const fs: FileSystem = { ...nodeFileSystem, platform, open, rename, link, unlink, rm, rmdir };
    return { fs, open, rename, link, unlink, rm, rmdir };
  }

  it('writes an owned partial created exclusively, then links it to the final name (never replaces)', async () => {
    const { source, destination, expectedSha256 } = await setup();
    const { fs, open, rename, link, unlink, rm, rmdir } = recordingFs('linux');
    await copyBackupInto(source, destination, NAME, { expectedSha256, fs });
    const partial = ownedPartialPath(join(destination, NAME));
    expect(open.calls.filter(([, flags]) => flags === 'wx')).toEqual([[partial, 'wx', 0o600]]);
    expect(link.calls).toEqual([[partial, join(destination, NAME)]]);
    expect(unlink.calls).toEqual([[partial]]);
    expect(rename.calls).toEqual([]);
    expect(rm.calls).toEqual([]);
    expect(rmdir.calls).toEqual([]);
    expect(await readdir(destination)).toEqual([NAME]);
  });

  it.each([
    ['a folder a sync client watches', 'linux', true],
    ['Windows', 'win32', false],
  ] as const)(
    'in %s it renames the partial once, never making a second name',
    async (_, platform, synced) => {
      const { source, destination, expectedSha256 } = await setup();
      const { fs, rename, link } = recordingFs(platform);
      await copyBackupInto(source, destination, NAME, { expectedSha256, fs, syncedFolder: synced });
      expect(rename.calls).toEqual([[ownedPartialPath(join(destination, NAME)), join(destination, NAME)]]);
      expect(link.calls).toEqual([]);
      expect(await readdir(destination)).toEqual([NAME]);
    },
  );

  it('never replaces a file that appears under the name right after the last look', async () => {
    const { source, destination, expectedSha256 } = await setup();
    const file = join(destination, NAME);
    const partial = ownedPartialPath(file);
    let planted = false;
    // Someone else's file lands at the name once the partial is complete: right after NoteVault's
    // last lstat of the name found nothing, or just before the name is published.
    const plant = async () => {
      if (planted || (await lstatIfExists(partial)) === undefined) return;
      planted = true;
      await writeFile(file, 'someone else’s file');
    };
    const fs: FileSystem = {
      ...nodeFileSystem,
      platform: 'linux',
      lstat: async (path) => {
        try {
          return await nodeFileSystem.lstat(path);
        } finally {
          if (path === file) await plant();
        }
      },
      link: async (from, to) => {
        await plant();
        return nodeFileSystem.link(from, to);
      },
      rename: async (from, to) => {
        await plant();
        return nodeFileSystem.rename(from, to);
      },
    };
    const error = await caught(copyBackupInto(source, destination, NAME, { expectedSha256, fs }));
    expect(planted).toBe(true);
    expect(error.code).toBe('BACKUP_DAMAGED');
    expect(error.message).toContain('never replaces');
    expect(await readFile(file, 'utf8')).toBe('someone else’s file');
    expect(await readdir(destination)).toEqual([NAME]);
  });

  it('finds the same backup already there and writes nothing', async () => {
    const { source, destination, bytes, expectedSha256 } = await setup();
    await writeFile(join(destination, NAME), bytes);
    const before = await stat(join(destination, NAME));
    const open = scripted(nodeFileSystem.open, [], 'open');
    const result = await copyBackupInto(source, destination, NAME, {
      expectedSha256,
      fs: { ...nodeFileSystem, open },
    });
    expect(result.alreadyThere).toBe(true);
    expect(result.sha256).toBe(expectedSha256);
    expect(open.calls.map(([path, flags]) => [path, flags])).toEqual([[join(destination, NAME), 'r']]);
    expect((await stat(join(destination, NAME))).mtimeMs).toBe(before.mtimeMs);
  });

  it('never replaces a different file with the same name, and says so naming the folder', async () => {
    const { source, destination, expectedSha256 } = await setup();
    await writeFile(join(destination, NAME), 'someone else’s file');
    const error = await caught(copyBackupInto(source, destination, NAME, { expectedSha256 }));
    expect(error.code).toBe('BACKUP_DAMAGED');
    expect(error.message).toContain(destination);
    expect(error.message).toContain('never replaces');
    expect(await readFile(join(destination, NAME), 'utf8')).toBe('someone else’s file');
    expect(await readdir(destination)).toEqual([NAME]);
  });

  it('refuses a link or folder under the final name without touching it', async () => {
    const { source, destination, expectedSha256 } = await setup();
    const elsewhere = join(await temp.make(), 'target.txt');
    await writeFile(elsewhere, 'kept');
    await symlink(elsewhere, join(destination, NAME));
    const error = await caught(copyBackupInto(source, destination, NAME, { expectedSha256 }));
    expect(error.code).toBe('IO');
    expect(await readFile(elsewhere, 'utf8')).toBe('kept');
    expect(await readdir(destination)).toEqual([NAME]);
  });

  it('does not publish a source that is not the verified backup', async () => {
    const { source, destination, bytes } = await setup();
    const error = await caught(
      copyBackupInto(source, destination, NAME, { expectedSha256: sha256(bytes.subarray(1)) }),
    );
    expect(error.code).toBe('BACKUP_DAMAGED');
    expect(error.message).toContain(NAME);
    expect(error.details).toContain(source);
    expect(await readdir(destination)).toEqual([]);
  });

  it.each([false, true])(
    'deletes its own copy that reads back different and names the destination (synced folder: %s)',
    async (syncedFolder) => {
      const { source, destination, expectedSha256 } = await setup();
      // A "sync client" that cuts NoteVault's file short, in place, right after it gets its final name.
      const cut = async (to: string) => writeFile(to, (await readFile(to)).subarray(0, 1000));
      const fs: FileSystem = {
        ...nodeFileSystem,
        rename: async (from, to) => {
          await nodeFileSystem.rename(from, to);
          await cut(to);
        },
        link: async (from, to) => {
          await nodeFileSystem.link(from, to);
          await cut(to);
        },
      };
      const error = await caught(
        copyBackupInto(source, destination, NAME, { expectedSha256, fs, syncedFolder }),
      );
      expect(error.code).toBe('BACKUP_DAMAGED');
      expect(error.message).toContain(destination);
      expect(error.message).toContain('removed it');
      expect(error.details).toContain('1000 bytes');
      expect(await readdir(destination)).toEqual([]);
    },
  );

  it.each([
    ['a folder a sync client watches', 'linux', true],
    ['Windows', 'win32', false],
  ] as const)(
    'in %s a file that replaced the copy before its read-back is left alone',
    async (_, platform, syncedFolder) => {
      const { source, destination, expectedSha256 } = await setup();
      const elsewhere = join(await temp.make(), 'theirs');
      // Right after the rename a sync client puts its own file (another file id) under the name.
      const rename: FileSystem['rename'] = async (from, to) => {
        await nodeFileSystem.rename(from, to);
        if (to !== join(destination, NAME)) return;
        await writeFile(elsewhere, 'the sync client’s version');
        await nodeFileSystem.rename(elsewhere, to);
      };
      const error = await caught(
        copyBackupInto(source, destination, NAME, {
          expectedSha256,
          fs: { ...nodeFileSystem, platform, rename },
          syncedFolder,
        }),
      );
      expect(error.code).toBe('BACKUP_DAMAGED');
      expect(error.message).toContain('left that file alone');
      expect(error.details).toContain('not deleted');
      expect(await readFile(join(destination, NAME), 'utf8')).toBe('the sync client’s version');
      expect(await readdir(destination)).toEqual([NAME]);
    },
  );

  it('retries a rename a sync client blocks (Windows EBUSY) and succeeds with no partial left', async () => {
    const { source, destination, bytes, expectedSha256 } = await setup();
    const { clock, retry } = windowsRetry();
    const rename = scripted(nodeFileSystem.rename, ['EBUSY', 'EBUSY', 'EPERM'], 'rename');
    const result = await copyBackupInto(source, destination, NAME, {
      expectedSha256,
      fs: { ...nodeFileSystem, platform: 'win32', rename },
      retry,
    });
    expect(rename.calls).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    expect(result.sha256).toBe(expectedSha256);
    expect(Buffer.compare(await readFile(join(destination, NAME)), bytes)).toBe(0);
    expect(await readdir(destination)).toEqual([NAME]);
  });

  it('a lock outlasting the budget fails with FILE_LOCKED naming the file, and removes the partial', async () => {
    const { source, destination, expectedSha256 } = await setup();
    const { clock, retry } = windowsRetry();
    const rename = scripted(nodeFileSystem.rename, ['EBUSY', '*'], 'rename');
    const error = await caught(
      copyBackupInto(source, destination, NAME, {
        expectedSha256,
        fs: { ...nodeFileSystem, platform: 'win32', rename },
        retry,
      }),
    );
    expect(error.code).toBe('FILE_LOCKED');
    expect(error.message).toBe(
      `NoteVault could not copy "${NAME}" into "${destination}": another program is using the file, most often the sync client; NoteVault copies the newest backup there at the next backup.`,
    );
    expect(error.details).toContain(`Could not rename "${ownedPartialPath(join(destination, NAME))}"`);
    expect(underlyingCode(error)).toBe('EBUSY');
    expect(clock.totalSlept()).toBeGreaterThanOrEqual(300);
    expect(await readdir(destination)).toEqual([]);
  });

  it('waits out a held partial once for its removal, not twice, after the rename gave up', async () => {
    const { source, destination, expectedSha256 } = await setup(100);
    const { clock, retry } = windowsRetry();
    const rename = scripted(nodeFileSystem.rename, ['EBUSY', '*'], 'rename');
    const unlink = scripted(nodeFileSystem.unlink, ['EBUSY', '*'], 'unlink');
    const error = await caught(
      copyBackupInto(source, destination, NAME, {
        expectedSha256,
        fs: { ...nodeFileSystem, platform: 'win32', rename, unlink },
        retry,
      }),
    );
    expect(error.code).toBe('FILE_LOCKED');
    // One budget for the rename, one for removing the partial (the sweep removes it later).
    expect(clock.totalSlept()).toBe(2 * 300);
    expect(await readdir(destination)).toEqual([basename(ownedPartialPath(join(destination, NAME)))]);
  });

  it('removes the partial after a cancel while the rename waits for a lock', async () => {
    const { source, destination, expectedSha256 } = await setup(100);
    const { retry } = windowsRetry();
    const controller = new AbortController();
    const rename: FileSystem['rename'] = (from, to) => {
      controller.abort();
      return Promise.reject(fsError('EBUSY', 'rename', from, to));
    };
    const error = await caught(
      copyBackupInto(source, destination, NAME, {
        expectedSha256,
        signal: controller.signal,
        fs: { ...nodeFileSystem, platform: 'win32', rename },
        retry,
      }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(await readdir(destination)).toEqual([]);
  });

  it('says an unreachable folder cannot be reached, keeping the system code', async () => {
    const { source, expectedSha256 } = await setup(10);
    const gone = join(await temp.make(), 'unplugged-drive');
    const error = await caught(copyBackupInto(source, gone, NAME, { expectedSha256 }));
    expect(error.code).toBe('IO');
    expect(error.message).toBe(
      `The folder "${gone}" cannot be reached: check that its drive is connected and the folder still exists.`,
    );
    expect(error.details).toMatch(/^ENOENT: /);
    expect(underlyingCode(error)).toBe('ENOENT');
  });

  it('stops when cancelled and leaves no partial', async () => {
    const { source, destination, expectedSha256 } = await setup();
    const controller = new AbortController();
    const open: FileSystem['open'] = async (path, flags, mode) => {
      const handle = await nodeFileSystem.open(path, flags, mode);
      if (flags !== 'wx') return handle;
      const write = handle.write.bind(handle) as (...args: unknown[]) => Promise<unknown>;
      return Object.assign(handle, {
        write: (...args: unknown[]) => {
          controller.abort();
          return write(...args);
        },
      });
    };
    const error = await caught(
      copyBackupInto(source, destination, NAME, {
        expectedSha256,
        signal: controller.signal,
        fs: { ...nodeFileSystem, open },
      }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(await readdir(destination)).toEqual([]);
  });

  it('replaces its own thread’s leftover partial instead of failing', async () => {
    const { source, destination, expectedSha256 } = await setup(100);
    await writeFile(ownedPartialPath(join(destination, NAME)), 'left by a failed clean-up');
    await copyBackupInto(source, destination, NAME, { expectedSha256 });
    expect(await readdir(destination)).toEqual([NAME]);
  });

  it('takes a copy that appeared during the copy as done and removes its partial', async () => {
    const { source, destination, bytes, expectedSha256 } = await setup();
    let planted = false;
    const open: FileSystem['open'] = async (path, flags, mode) => {
      if (flags === 'r' && path === source && !planted) {
        planted = true;
        // Another NoteVault (the headless run) finishes the same copy first.
        await writeFile(join(destination, NAME), bytes);
      }
      return nodeFileSystem.open(path, flags, mode);
    };
    const result = await copyBackupInto(source, destination, NAME, {
      expectedSha256,
      fs: { ...nodeFileSystem, open },
    });
    expect(result.alreadyThere).toBe(true);
    expect(await readdir(destination)).toEqual([NAME]);
  });

  it.each(['../x.nvbak', 'a/b.nvbak', 'a\\b.nvbak', '', '..'])('refuses the name %j', async (name) => {
    const { source, destination, expectedSha256 } = await setup(10);
    expect((await caught(copyBackupInto(source, destination, name, { expectedSha256 }))).code).toBe(
      'VALIDATION',
    );
  });

  it('never writes into a subfolder or renames a folder', async () => {
    const { source, destination, expectedSha256 } = await setup(10);
    await mkdir(join(destination, 'sub'));
    await copyBackupInto(source, destination, NAME, { expectedSha256 });
    expect((await readdir(destination)).sort()).toEqual([NAME, 'sub']);
    expect(await readdir(join(destination, 'sub'))).toEqual([]);
  });
});

describe('recheckCopy', () => {
  it('says verified, missing or failed, and leaves a changed file alone', async () => {
    const { source, destination, expectedSha256 } = await setup(5000);
    const { file } = await copyBackupInto(source, destination, NAME, { expectedSha256 });
    expect(await recheckCopy(file, expectedSha256)).toEqual({
      state: 'verified',
      sha256: expectedSha256,
      size: 5000,
    });

    const changed = await readFile(file);
    changed.writeUInt8(changed.readUInt8(4000) ^ 1, 4000);
    await writeFile(file, changed);
    const failed = await recheckCopy(file, expectedSha256);
    expect(failed.state).toBe('failed');
    expect(failed.state === 'failed' && failed.message).toContain(file);
    expect(await readdir(destination)).toEqual([NAME]);

    const missing = await recheckCopy(join(destination, 'NoteVault-gone.nvbak'), expectedSha256);
    expect(missing.state).toBe('missing');
  });

  it('throws a lock it cannot wait out, so the caller keeps the copy pending', async () => {
    const { source, destination, expectedSha256 } = await setup(100);
    const { file } = await copyBackupInto(source, destination, NAME, { expectedSha256 });
    const { retry } = windowsRetry();
    const open = scripted(nodeFileSystem.open, ['EBUSY', '*'], 'open');
    const error = await caught(
      recheckCopy(file, expectedSha256, { fs: { ...nodeFileSystem, platform: 'win32', open }, retry }),
    );
    expect(error.code).toBe('FILE_LOCKED');
  });
});

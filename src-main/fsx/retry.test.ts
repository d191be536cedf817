import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { nodeFileSystem } from './fs-seam';
import type { RetryOptions } from './retry';
import {
  copyFileWithRetry,
  openWithRetry,
  renameWithRetry,
  retryingFs,
  unlinkIfExists,
  withFileRetry,
} from './retry';
import { fakeClock, fsError, scripted, tempFolders } from '../../test/main/fsx/test-faults';

const FILE = 'C:\\Users\\ada\\AppData\\Roaming\\NoteVault\\notes.db';

/** An operation failing with `codes` (one per attempt) and then answering 'done'. */
function flaky(codes: readonly string[]) {
  return scripted(() => Promise.resolve('done'), codes, 'rename');
}

function windows(clock = fakeClock(), extra: RetryOptions = {}): RetryOptions {
  return { platform: 'win32', now: clock.now, sleep: clock.sleep, random: () => 0.5, ...extra };
}

async function caught(promise: Promise<unknown>): Promise<NoteVaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoteVaultError);
  return error as NoteVaultError;
}

describe('withFileRetry: lock errors', () => {
  it.each(['EBUSY', 'EPERM', 'EACCES'])('retries %s on Windows and returns the result', async (code) => {
    const clock = fakeClock();
    const op = flaky([code, code, code]);
    await expect(withFileRetry('replace', FILE, op, windows(clock))).resolves.toBe('done');
    expect(op.calls).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
  });

  it('succeeds on the first try without sleeping', async () => {
    const clock = fakeClock();
    const op = flaky([]);
    await expect(withFileRetry('replace', FILE, op, windows(clock))).resolves.toBe('done');
    expect(op.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up after the budget with FILE_LOCKED naming the file, the operation and what may hold it', async () => {
    const clock = fakeClock();
    const op = flaky(['EBUSY', '*']);
    const error = await caught(withFileRetry('delete', FILE, op, windows(clock, { budgetMs: 3000 })));
    expect(error.code).toBe('FILE_LOCKED');
    expect(error.message).toContain(`Could not delete "${FILE}"`);
    expect(error.message).toContain('EBUSY');
    for (const holder of ['NoteVault itself', 'antivirus', 'OneDrive', 'Dropbox', 'Windows Search indexer']) {
      expect(error.message).toContain(holder);
    }
    expect(error.message).toMatch(/try again/);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EBUSY');
    // The waiting is bounded by the budget: the last pause is cut short to end exactly on it.
    expect(clock.totalSlept()).toBe(3000);
    expect(error.message).toContain(`${op.calls.length} attempts over 3.0 s`);
  });

  it('counts the time the attempts themselves take against the budget', async () => {
    const clock = fakeClock();
    const op = scripted(() => Promise.resolve('never'), ['EPERM', '*'], 'rename');
    const slowOp = async () => {
      clock.advance(400); // each attempt blocks 400 ms, like a slow network share
      return op();
    };
    const error = await caught(withFileRetry('replace', FILE, slowOp, windows(clock, { budgetMs: 1000 })));
    expect(error.code).toBe('FILE_LOCKED');
    expect(clock.now()).toBeLessThanOrEqual(1000 + 400);
    expect(op.calls.length).toBeLessThanOrEqual(3);
  });

  it('names the last code when the codes change between attempts', async () => {
    const op = flaky(['EBUSY', 'EPERM', 'EACCES', '*']);
    const error = await caught(withFileRetry('replace', FILE, op, windows(fakeClock(), { budgetMs: 100 })));
    expect(error.code).toBe('FILE_LOCKED');
    expect(error.message).toContain('(EACCES,');
  });

  it('with a zero budget tries exactly once', async () => {
    const op = flaky(['EBUSY', '*']);
    const error = await caught(withFileRetry('delete', FILE, op, windows(fakeClock(), { budgetMs: 0 })));
    expect(error.code).toBe('FILE_LOCKED');
    expect(op.calls).toHaveLength(1);
  });
});

describe('withFileRetry: errors that are not locks fail at once', () => {
  it('ENOSPC becomes DISK_FULL naming the file, without retrying', async () => {
    const clock = fakeClock();
    const op = flaky(['ENOSPC', '*']);
    const error = await caught(withFileRetry('write to', FILE, op, windows(clock)));
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toContain(FILE);
    expect(op.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('ENOENT becomes IO naming the file and the operation, without retrying', async () => {
    const op = flaky(['ENOENT', '*']);
    const error = await caught(withFileRetry('open', FILE, op, windows()));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(`Could not open "${FILE}"`);
    expect(error.message).toContain('does not exist');
    expect(op.calls).toHaveLength(1);
  });

  it.each(['EMFILE', 'ENOTEMPTY', 'EIO', 'EINVAL'])('%s is not retried by default', async (code) => {
    const op = flaky([code, '*']);
    const error = await caught(withFileRetry('remove', FILE, op, windows()));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(code);
    expect(op.calls).toHaveLength(1);
  });

  it('retries ENOTEMPTY when the caller opts in (folder removal)', async () => {
    const op = flaky(['ENOTEMPTY', 'ENOTEMPTY']);
    await expect(
      withFileRetry('remove', FILE, op, windows(fakeClock(), { alsoRetry: ['ENOTEMPTY'] })),
    ).resolves.toBe('done');
    expect(op.calls).toHaveLength(3);
  });

  it.each(['EPERM', 'EACCES'])('on Linux and macOS %s is a permission problem: IO at once', async (code) => {
    for (const platform of ['linux', 'darwin'] as const) {
      const op = flaky([code, '*']);
      const error = await caught(
        withFileRetry('delete', '/home/ada/notes.db', op, { ...windows(), platform }),
      );
      expect(error.code).toBe('IO');
      expect(error.message).toMatch(/permission denied/);
      expect(op.calls).toHaveLength(1);
    }
  });

  it('on Linux EBUSY is still retried', async () => {
    const op = flaky(['EBUSY']);
    await expect(withFileRetry('delete', '/x', op, { ...windows(), platform: 'linux' })).resolves.toBe(
      'done',
    );
    expect(op.calls).toHaveLength(2);
  });

  it('passes bugs (errors without an errno code) and NoteVaultErrors through untouched', async () => {
    const bug = new TypeError('x is not a function');
    await expect(withFileRetry('open', FILE, () => Promise.reject(bug), windows())).rejects.toBe(bug);
    const argError = Object.assign(new TypeError('bad arg'), { code: 'ERR_INVALID_ARG_TYPE' });
    await expect(withFileRetry('open', FILE, () => Promise.reject(argError), windows())).rejects.toBe(
      argError,
    );
    const ours = new NoteVaultError('CANCELLED', 'stopped');
    await expect(withFileRetry('open', FILE, () => Promise.reject(ours), windows())).rejects.toBe(ours);
  });
});

describe('withFileRetry: backoff and jitter', () => {
  it('doubles from the initial delay up to the cap, each pause in [half, full) of its step', async () => {
    const steps = [10, 20, 40, 80, 160, 250, 250, 250];
    for (const [random, check] of [
      [() => 0, (ms: number, step: number) => expect(ms).toBe(step / 2)],
      [
        () => 0.999999,
        (ms: number, step: number) => (
          expect(ms).toBeLessThan(step),
          expect(ms).toBeGreaterThan(step * 0.99)
        ),
      ],
    ] as const) {
      const clock = fakeClock();
      const op = flaky(Array<string>(steps.length).fill('EBUSY'));
      await withFileRetry('delete', FILE, op, windows(clock, { random }));
      expect(clock.sleeps).toHaveLength(steps.length);
      clock.sleeps.forEach((ms, i) => check(ms, steps[i]!));
    }
  });

  it('uses the configured delays and budget', async () => {
    const clock = fakeClock();
    const op = flaky(['EBUSY', '*']);
    await caught(
      withFileRetry(
        'delete',
        FILE,
        op,
        windows(clock, { initialDelayMs: 100, maxDelayMs: 100, budgetMs: 1000, random: () => 0 }),
      ),
    );
    expect(clock.sleeps).toEqual(Array<number>(20).fill(50));
    expect(op.calls).toHaveLength(21);
  });

  it('rejects nonsensical options', async () => {
    for (const bad of [
      { budgetMs: -1 },
      { initialDelayMs: 0 },
      { maxDelayMs: 5, initialDelayMs: 10 },
      { budgetMs: NaN },
    ]) {
      const error = await caught(withFileRetry('delete', FILE, flaky([]), { ...windows(), ...bad }));
      expect(error.code).toBe('VALIDATION');
    }
  });

  it('really waits with the default sleep and clock, within the budget', async () => {
    const op = flaky(['EBUSY', '*']);
    const started = performance.now();
    const error = await caught(withFileRetry('delete', FILE, op, { platform: 'win32', budgetMs: 120 }));
    const elapsed = performance.now() - started;
    expect(error.code).toBe('FILE_LOCKED');
    expect(elapsed).toBeGreaterThanOrEqual(110);
    expect(elapsed).toBeLessThan(1000);
    expect(op.calls.length).toBeGreaterThan(3);
  });
});

describe('withFileRetry: cancellation', () => {
  it('does not even try when the signal is already aborted', async () => {
    const op = flaky([]);
    const error = await caught(
      withFileRetry('delete', FILE, op, windows(fakeClock(), { signal: AbortSignal.abort() })),
    );
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toContain(FILE);
    expect(op.calls).toHaveLength(0);
  });

  it('stops waiting the moment the signal aborts, whatever sleep was injected', async () => {
    const controller = new AbortController();
    const op = flaky(['EBUSY', '*']);
    const neverWakes = () => new Promise<void>(() => undefined);
    const pending = withFileRetry('delete', FILE, op, {
      platform: 'win32',
      sleep: neverWakes,
      signal: controller.signal,
    });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const error = await caught(pending);
    expect(error.code).toBe('CANCELLED');
    expect(op.calls).toHaveLength(1);
  });

  it('aborts a real pause too', async () => {
    const op = flaky(['EBUSY', '*']);
    const started = performance.now();
    const error = await caught(
      withFileRetry('delete', FILE, op, {
        platform: 'win32',
        initialDelayMs: 5000,
        maxDelayMs: 5000,
        budgetMs: 10_000,
        signal: AbortSignal.timeout(50),
      }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('retryingFs and the named wrappers (real temp folders)', () => {
  const temp = tempFolders();
  afterEach(() => temp.cleanup());

  it('renameWithRetry replaces a target whose holder lets go after a while', async () => {
    const dir = await temp.make();
    const from = join(dir, 'notes.nvbak.partial');
    const to = join(dir, 'notes.nvbak');
    await writeFile(from, 'new');
    await writeFile(to, 'old');
    const rename = scripted(nodeFileSystem.rename, ['EPERM', 'EPERM', 'EBUSY'], 'rename');
    const clock = fakeClock();
    await renameWithRetry(from, to, {
      fs: { ...nodeFileSystem, platform: 'win32', rename },
      retry: { now: clock.now, sleep: clock.sleep },
    });
    expect(rename.calls).toHaveLength(4);
    expect(await readFile(to, 'utf8')).toBe('new');
  });

  it('names both files when a rename stays locked', async () => {
    const dir = await temp.make();
    const from = join(dir, 'a.partial');
    const to = join(dir, 'a');
    const clock = fakeClock();
    const io = retryingFs(
      {
        ...nodeFileSystem,
        platform: 'win32',
        rename: scripted(nodeFileSystem.rename, ['EPERM', '*'], 'rename'),
      },
      { now: clock.now, sleep: clock.sleep },
    );
    const error = await caught(io.rename(from, to));
    expect(error.code).toBe('FILE_LOCKED');
    expect(error.message).toContain(`Could not rename "${from}" to "${to}"`);
  });

  it('maps real errors from the real file system', async () => {
    const dir = await temp.make();
    const missing = join(dir, 'missing.db');
    const error = await caught(retryingFs().unlink(missing));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(missing);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    await expect(unlinkIfExists(missing)).resolves.toBeUndefined();
  });

  it('rmdir waits out a folder that still looks non-empty (delete-pending files on Windows)', async () => {
    const dir = await temp.make();
    const sub = join(dir, 'notevault-tmp-backup-AbC123');
    await mkdir(sub);
    const rmdir = scripted(nodeFileSystem.rmdir, ['ENOTEMPTY', 'ENOTEMPTY'], 'rmdir');
    const clock = fakeClock();
    await retryingFs(
      { ...nodeFileSystem, platform: 'win32', rmdir },
      { now: clock.now, sleep: clock.sleep },
    ).rmdir(sub);
    expect(rmdir.calls).toHaveLength(3);
    expect(await readdir(dir)).toEqual([]);
  });

  it('copyFileWithRetry and openWithRetry retry an exclusive holder (EBUSY)', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'a'), 'content');
    const clock = fakeClock();
    const copyFile = scripted(nodeFileSystem.copyFile, ['EBUSY'], 'copyfile');
    const open = scripted(nodeFileSystem.open, ['EBUSY', 'EBUSY'], 'open');
    const fs = { ...nodeFileSystem, platform: 'win32' as const, copyFile, open };
    const retry = { now: clock.now, sleep: clock.sleep };
    await copyFileWithRetry(join(dir, 'a'), join(dir, 'b'), { fs, retry });
    const handle = await openWithRetry(join(dir, 'b'), 'r+', { fs, retry });
    await handle.close();
    expect(copyFile.calls).toHaveLength(2);
    expect(open.calls).toHaveLength(3);
    expect(await readFile(join(dir, 'b'), 'utf8')).toBe('content');
  });

  it('fsError builds errors the way Node does', async () => {
    const dir = await temp.make();
    const real = await nodeFileSystem.rename(join(dir, 'x'), join(dir, 'y')).catch((e: unknown) => e);
    const fake = fsError('ENOENT', 'rename', join(dir, 'x'), join(dir, 'y'));
    expect(fake.message).toBe((real as Error).message);
    expect({ ...fake }).toEqual({ ...(real as object) });
  });
});

/**
 * Test support for the file layer: errors shaped exactly like Node's system errors, file-system
 * operations that fail on a script before doing the real thing, a fake clock, and real temp folders.
 * Only *.test.ts files import this module.
 */
import { constants } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DESCRIPTIONS: Record<string, string> = {
  EBUSY: 'resource busy or locked',
  EPERM: 'operation not permitted',
  EACCES: 'permission denied',
  ENOSPC: 'no space left on device',
  ENOENT: 'no such file or directory',
  EEXIST: 'file already exists',
  ENOTEMPTY: 'directory not empty',
  EMFILE: 'too many open files',
  EIO: 'i/o error',
  EINVAL: 'invalid argument',
};

/** An error as Node builds it for a failed system call (errno negative, as libuv reports it). */
export function fsError(code: string, syscall: string, path: string, dest?: string): NodeJS.ErrnoException {
  const where = dest === undefined ? `'${path}'` : `'${path}' -> '${dest}'`;
  const error: NodeJS.ErrnoException = new Error(
    `${code}: ${DESCRIPTIONS[code] ?? 'unknown error'}, ${syscall} ${where}`,
  );
  const errno = (constants.errno as Record<string, number | undefined>)[code];
  Object.assign(error, { errno: errno === undefined ? undefined : -errno, code, syscall, path });
  if (dest !== undefined) Object.assign(error, { dest });
  return error;
}

/**
 * Wraps an operation so its first calls fail with the given codes (one per call; `'*'` as the last
 * entry repeats the code before it forever), after which the real operation runs. Records calls.
 */
export function scripted<A extends unknown[], R>(
  real: (...args: A) => Promise<R>,
  codes: readonly string[],
  syscall: string,
): ((...args: A) => Promise<R>) & { calls: A[] } {
  const calls: A[] = [];
  const forever = codes[codes.length - 1] === '*';
  const script = forever ? codes.slice(0, -1) : codes;
  const fn = async (...args: A): Promise<R> => {
    calls.push(args);
    const index = calls.length - 1;
    const code = index < script.length ? script[index] : forever ? script[script.length - 1] : undefined;
    if (code !== undefined) {
      const dest = typeof args[1] === 'string' && syscall !== 'open' ? args[1] : undefined;
      throw fsError(code, syscall, String(args[0]), dest);
    }
    return real(...args);
  };
  return Object.assign(fn, { calls });
}

/** A clock that only moves when the code under test sleeps: retry tests run instantly. */
export function fakeClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: (ms: number) => {
      sleeps.push(ms);
      time += ms;
      return Promise.resolve();
    },
    /** Lets a "system call" take time, as a slow disk would. */
    advance: (ms: number) => {
      time += ms;
    },
    totalSlept: () => sleeps.reduce((sum, ms) => sum + ms, 0),
  };
}

/** Real temp folders for a test file; call `cleanup` in afterEach. */
export function tempFolders() {
  const made: string[] = [];
  return {
    async make(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), 'nv-fsx-test-'));
      made.push(dir);
      return dir;
    },
    async cleanup(): Promise<void> {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

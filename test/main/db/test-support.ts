import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * Shared by this folder's tests: a fresh temporary folder per test, removed afterwards,
 * plus small file probes. Not imported by production code.
 */
export function useTempDir(): { readonly path: string; file(name: string): string } {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notevault-db-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get path() {
      return dir;
    },
    file: (name: string) => path.join(dir, name),
  };
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The -wal, -shm and -journal companions that exist next to `file`. */
export function companionFiles(file: string): string[] {
  return ['-wal', '-shm', '-journal'].map((suffix) => file + suffix).filter((f) => fs.existsSync(f));
}

/**
 * Files this process holds open that resolve to `file` (Linux only: /proc/self/fd), which
 * proves a handle was released even where the OS would let us rename an open file.
 */
export function openHandlesTo(file: string): string[] {
  const target = fs.realpathSync(file);
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === target;
    } catch {
      return false;
    }
  });
}

/** A clock tests move by hand, so timestamps are exact. */
export class ManualClock {
  constructor(public time = 1_700_000_000_000) {}
  readonly now = (): number => this.time;
  advance(ms: number): number {
    this.time += ms;
    return this.time;
  }
}

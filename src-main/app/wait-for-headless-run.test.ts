import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  headlessRunningPath,
  readHeadlessRunning,
  removeHeadlessRunning,
  writeHeadlessRunning,
} from '../os-schedule/headless-running-marker';
import {
  HEADLESS_WAIT_LIMIT_MS,
  HEADLESS_WAIT_POLL_MS,
  processIsAlive,
  waitForHeadlessRun,
} from './wait-for-headless-run';

// The real marker file in a temporary user-data folder and real process ids; the lock and the
// clock are the seams (Electron's lock cannot be taken under Node).
let userData: string;
let clock: number;
let slept: number[];
let lockFreeAfter: number;
let lockRequests: number;

beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'notevault-headless-wait-'));
  clock = 1_765_000_000_000;
  slept = [];
  lockRequests = 0;
  lockFreeAfter = Number.POSITIVE_INFINITY;
});
afterEach(() => rm(userData, { recursive: true, force: true }));

const marker = () => headlessRunningPath(userData);

function wait() {
  return waitForHeadlessRun({
    requestLock: () => (lockRequests += 1) > lockFreeAfter,
    readMarker: () => readHeadlessRunning(headlessRunningPath(userData)),
    isAlive: processIsAlive,
    now: () => clock,
    sleep: (ms) => {
      slept.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  });
}

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('a NoteVault opened while a scheduled run holds the lock', () => {
  it('waits while the run (a live process) holds the lock, and starts once it is released', async () => {
    await writeHeadlessRunning(marker(), { pid: process.pid, startedAt: clock - 60_000 });
    lockFreeAfter = 3;
    expect(await wait()).toBe('lock');
    expect(slept).toEqual([HEADLESS_WAIT_POLL_MS, HEADLESS_WAIT_POLL_MS, HEADLESS_WAIT_POLL_MS]);
  });

  it('quits at once, as before, when an open NoteVault holds the lock (no marker)', async () => {
    expect(await wait()).toBe('app-running');
    expect(slept).toEqual([]);
    expect(lockRequests).toBe(1);
  });

  it('does not wait for a marker left by a run that crashed, nor for one older than the time limit', async () => {
    await writeHeadlessRunning(marker(), { pid: deadPid(), startedAt: clock - 60_000 });
    expect(await wait()).toBe('app-running');
    await writeHeadlessRunning(marker(), { pid: process.pid, startedAt: clock - HEADLESS_WAIT_LIMIT_MS - 1 });
    expect(await wait()).toBe('app-running');
    expect(slept).toEqual([]);
  });

  it('starts when the run ended between the marker read and the lock request', async () => {
    await writeHeadlessRunning(marker(), { pid: process.pid, startedAt: clock });
    await removeHeadlessRunning(marker());
    lockFreeAfter = 0;
    expect(await wait()).toBe('lock');
  });

  it('gives up after the time limit if the run still holds the lock', async () => {
    await writeHeadlessRunning(marker(), { pid: process.pid, startedAt: clock });
    const started = clock;
    // The marker is refreshed as if a new run took over at once, so only the deadline ends the wait.
    const outcome = await waitForHeadlessRun({
      requestLock: () => false,
      readMarker: () => Promise.resolve({ pid: process.pid, startedAt: clock }),
      isAlive: processIsAlive,
      now: () => clock,
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
    });
    expect(outcome).toBe('gave-up');
    expect(clock - started).toBe(HEADLESS_WAIT_LIMIT_MS);
  });
});

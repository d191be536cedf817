import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempDirOwner } from './private-temp-owner';
import { currentOwner, parseProcStat } from './private-temp-owner';
import type { ProcessProbe } from './sweep-owner-check';
import { judgeOwner, realProcessProbe } from './sweep-owner-check';
import { childProcesses, startTicksOf } from '../../test/main/fsx/sweep-test-support';
import { fsError } from '../../test/main/fsx/test-faults';

const children = childProcesses();
afterEach(() => children.stopAll());

const onLinux = process.platform === 'linux';

describe('judgeOwner', () => {
  it('keeps the folder of a running process, and lets it go once that process has exited', async () => {
    const { child, pid } = await children.start();
    const owner: TempDirOwner = { pid, threadId: 0 };
    expect(await judgeOwner(owner, realProcessProbe, false)).toEqual({
      state: 'in-use',
      reason: 'owner-running',
    });
    await children.stop(child);
    expect(await judgeOwner(owner, realProcessProbe, false)).toEqual({ state: 'gone' });
  });

  it.runIf(onLinux)('tells a reused PID apart by the start time', async () => {
    const { pid } = await children.start();
    const startTicks = startTicksOf(pid);
    expect(startTicks).toMatch(/^[0-9]+$/);
    expect(await judgeOwner({ pid, startTicks, threadId: 0 }, realProcessProbe, false)).toMatchObject({
      state: 'in-use',
    });
    const earlier = String(BigInt(startTicks ?? '0') + 1n);
    expect(await judgeOwner({ pid, startTicks: earlier, threadId: 0 }, realProcessProbe, false)).toEqual({
      state: 'gone',
    });
  });

  it.runIf(onLinux)('counts an exited process its parent has not yet reaped (a zombie) as gone', async () => {
    // The shell becomes `sleep 30`, which never waits for children: once the background `sleep`
    // ends (after the exec, hence the half second), it stays a zombie until its parent ends.
    const { child } = await children.start('sh', ['-c', 'sleep 0.5 & echo $!; exec sleep 30']);
    if (child.stdout === null) throw new Error('The shell has no stdout pipe.');
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const zombie = Number(line.toString().trim());
    let state: string | undefined;
    for (let waited = 0; waited < 10_000 && state !== 'Z'; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = parseProcStat(readFileSync(`/proc/${zombie}/stat`, 'utf8'))?.state;
    }
    expect(state).toBe('Z');
    expect(() => process.kill(zombie, 0)).not.toThrow();
    expect(await judgeOwner({ pid: zombie, threadId: 0 }, realProcessProbe, false)).toEqual({
      state: 'gone',
    });
  });

  describe('folders of this process', () => {
    const self = currentOwner();

    it('keeps the sweeping thread its own folders', async () => {
      expect(await judgeOwner(self, realProcessProbe, false)).toEqual({
        state: 'in-use',
        reason: 'in-use-by-this-process',
      });
    });

    it('lets go of them at process start: they can only be from an earlier process with this PID', async () => {
      expect(await judgeOwner(self, realProcessProbe, true)).toEqual({ state: 'gone' });
    });

    it('on the main thread, lets go of a job worker thread that has ended', async () => {
      expect(await judgeOwner({ ...self, threadId: 7 }, realProcessProbe, false)).toEqual({ state: 'gone' });
    });

    it('on a worker thread, keeps the folders of other threads, which it cannot see end', async () => {
      const onWorker: ProcessProbe = {
        ...realProcessProbe,
        isMainThread: false,
        self: () => ({ ...self, threadId: 3 }),
      };
      for (const threadId of [0, 7]) {
        expect(await judgeOwner({ ...self, threadId }, onWorker, false)).toEqual({
          state: 'in-use',
          reason: 'in-use-by-this-process',
        });
      }
    });

    it.runIf(onLinux)('lets go of a folder with this PID but another start time', async () => {
      const earlier = { ...self, startTicks: '1' };
      expect(await judgeOwner(earlier, realProcessProbe, false)).toEqual({ state: 'gone' });
    });
  });

  describe('answers the system gives rarely', () => {
    const stranger: TempDirOwner = { pid: 31337, startTicks: '5000', threadId: 0 };
    const probe = (overrides: Partial<ProcessProbe>): ProcessProbe => ({
      ...realProcessProbe,
      self: () => ({ pid: 1000, startTicks: '100', threadId: 0 }),
      ...overrides,
    });
    const statLine = (state: string, startTicks: string) =>
      `31337 (node) ${state} ${[...Array.from({ length: 18 }, () => '0'), startTicks, '0'].join(' ')}`;

    it('counts EPERM (a process of another user) as running', async () => {
      const eperm = probe({
        signalZero: (pid) => {
          throw fsError('EPERM', 'kill', String(pid));
        },
        readProcStat: undefined,
      });
      expect(await judgeOwner(stranger, eperm, false)).toEqual({ state: 'in-use', reason: 'owner-running' });
    });

    it('still compares start times after EPERM', async () => {
      const eperm = probe({
        signalZero: (pid) => {
          throw fsError('EPERM', 'kill', String(pid));
        },
        readProcStat: () => Promise.resolve(statLine('S', '6000')),
      });
      expect(await judgeOwner(stranger, eperm, false)).toEqual({ state: 'gone' });
    });

    it('reports a check that fails some other way as unknown, saying why', async () => {
      const odd = probe({
        signalZero: (pid) => {
          throw fsError('EINVAL', 'kill', String(pid));
        },
      });
      const verdict = await judgeOwner(stranger, odd, false);
      expect(verdict.state).toBe('unknown');
      expect(verdict.state === 'unknown' && verdict.detail).toMatch(/process 31337 still runs: EINVAL/);
    });

    it('goes by the PID alone when /proc cannot be read, and counts a vanished entry as gone', async () => {
      const alive = { signalZero: () => undefined };
      const hidden = probe({
        ...alive,
        readProcStat: (pid) => Promise.reject(fsError('EACCES', 'open', `/proc/${pid}/stat`)),
      });
      expect(await judgeOwner(stranger, hidden, false)).toMatchObject({ state: 'in-use' });
      const vanished = probe({
        ...alive,
        readProcStat: (pid) => Promise.reject(fsError('ENOENT', 'open', `/proc/${pid}/stat`)),
      });
      expect(await judgeOwner(stranger, vanished, false)).toEqual({ state: 'gone' });
      const garbled = probe({ ...alive, readProcStat: () => Promise.resolve('garbled') });
      expect(await judgeOwner(stranger, garbled, false)).toMatchObject({ state: 'in-use' });
    });
  });
});

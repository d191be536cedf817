import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPrivateTempDirName } from './private-temp';
import {
  clashesWithOwnerTag,
  currentOwner,
  ownerFromName,
  ownerTag,
  parseProcStat,
} from './private-temp-owner';

describe('owner in a private temp folder name', () => {
  it('round-trips an owner through the name, with and without a start time', () => {
    for (const owner of [
      { pid: 4242, startTicks: '1063111', threadId: 0 },
      { pid: 1, threadId: 17 },
      { pid: 2 ** 31 - 1, startTicks: '0', threadId: 2 ** 31 - 1 },
    ]) {
      const name = `notevault-tmp-restore-check-${ownerTag(owner)}-Ab12Cd`;
      expect(isPrivateTempDirName(name)).toBe(true);
      expect(ownerFromName(name)).toEqual({ kind: 'owner', owner });
    }
    expect(ownerTag({ pid: 12, startTicks: '34', threadId: 5 })).toBe('pid12-st34-th5');
    expect(ownerTag({ pid: 12, threadId: 0 })).toBe('pid12-th0');
  });

  it('reads names from versions that recorded no owner as having none', () => {
    for (const name of [
      'notevault-tmp-backup-Ab9xZ0',
      'notevault-tmp-restore-check-000000',
      // The random part is not the owner, even when it happens to start with "pid".
      'notevault-tmp-backup-pid123',
    ]) {
      expect(ownerFromName(name)).toEqual({ kind: 'none' });
    }
  });

  it.each([
    'notevault-tmp-backup-pid0-th0-Ab12Cd', // PID 0 would address our own process group
    'notevault-tmp-backup-pid2147483648-th0-Ab12Cd', // beyond what process.kill accepts
    'notevault-tmp-backup-pid012-th0-Ab12Cd',
    'notevault-tmp-backup-pid12-Ab12Cd',
    'notevault-tmp-backup-pid12-st-th0-Ab12Cd',
    'notevault-tmp-backup-pid12-th0-extra-Ab12Cd',
    'notevault-tmp-backup-pidabc-th0-Ab12Cd',
    'notevault-tmp-pid-Ab12Cd',
  ])('reports the unreadable owner of %s, naming the folder', (name) => {
    expect(isPrivateTempDirName(name)).toBe(true);
    const read = ownerFromName(name);
    expect(read.kind).toBe('unreadable');
    expect(read.kind === 'unreadable' && read.detail).toContain(`"${name}"`);
  });

  it('tells purposes that would look like an owner apart', () => {
    expect(clashesWithOwnerTag('backup')).toBe(false);
    expect(clashesWithOwnerTag('restore-check')).toBe(false);
    expect(clashesWithOwnerTag('pid')).toBe(true);
    expect(clashesWithOwnerTag('backup-pidgin')).toBe(true);
  });
});

describe('parseProcStat', () => {
  it('counts fields from the last parenthesis, since a command name may contain spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 4));
    fields[18] = '987654'; // field 22
    expect(parseProcStat(`77 (odd) name (x)) S ${fields.join(' ')}\n`)).toEqual({
      state: 'S',
      startTicks: '987654',
    });
  });

  it('gives up on text that is not a stat line', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('12 (node) R 1 2 3')).toBeUndefined();
    expect(parseProcStat(`12 (node) R ${'x '.repeat(30)}`)).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('reads the real /proc/self/stat', () => {
    const stat = parseProcStat(readFileSync('/proc/self/stat', 'utf8'));
    expect(stat?.state).toBe('R');
    expect(stat?.startTicks).toMatch(/^[0-9]+$/);
  });
});

describe('currentOwner', () => {
  it('is this process on the main thread, with its start time where the system offers one', () => {
    const owner = currentOwner();
    expect(owner.pid).toBe(process.pid);
    expect(owner.threadId).toBe(0);
    if (process.platform === 'linux') {
      expect(owner.startTicks).toBe(parseProcStat(readFileSync('/proc/self/stat', 'utf8'))?.startTicks);
    } else {
      expect(owner.startTicks).toBeUndefined();
    }
    expect(currentOwner()).toEqual(owner);
  });
});

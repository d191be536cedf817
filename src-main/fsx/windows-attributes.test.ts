import { describe, expect, it } from 'vitest';
import type { CommandRunner } from './command-runner';
import {
  ATTRIBUTES_SCRIPT,
  cachedAttributes,
  FILE_ATTRIBUTE,
  hasCloudFileAttributes,
  parseAttributesOutput,
  powerShellAttributes,
} from './windows-attributes';

/*
 * Samples of what PowerShell prints for OneDrive Files On-Demand states:
 * - numbers: tech.tristantyson.com/setonedrivefodstatespowershell ("Cloud-Only 5248544",
 *   "Always available 525344", "Locally Available ReparsePoint"), reused by
 *   shellcodesaturdays.co.uk/p/getting-onedrive-file-states-with-powershell;
 * - enum names ("Archive, ReparsePoint") as Format-Table prints System.IO.FileAttributes;
 * - the bit values: winnt.h FILE_ATTRIBUTE_* (OFFLINE 0x1000, RECALL_ON_OPEN 0x40000, PINNED
 *   0x80000, UNPINNED 0x100000, RECALL_ON_DATA_ACCESS 0x400000).
 * PowerShell ends lines with CRLF.
 */
describe('parseAttributesOutput', () => {
  it.each([
    ['5248544\r\n', 5248544],
    ['525344\r\n', 525344],
    ['ReparsePoint\r\n', 0x400],
    ['Archive, ReparsePoint\r\n', 0x420],
    ['Directory, Archive, ReparsePoint, Offline', 0x1430],
    ['16', 0x10],
    ['4294967295', 0xffffffff],
  ])('reads %j', (stdout, value) => {
    expect(parseAttributesOutput(stdout)).toBe(value);
  });

  it.each(['', '-1', '4294967296', '12a', 'Archive, Unknown', 'Get-Item : Cannot find path', '0x400'])(
    'refuses %j',
    (stdout) => {
      expect(parseAttributesOutput(stdout)).toBeNull();
    },
  );

  it('tells the three Files On-Demand states apart', () => {
    const online = parseAttributesOutput('5248544') ?? 0;
    expect(online & FILE_ATTRIBUTE.RECALL_ON_DATA_ACCESS).not.toBe(0);
    expect(online & FILE_ATTRIBUTE.UNPINNED).not.toBe(0);
    expect(online & FILE_ATTRIBUTE.OFFLINE).not.toBe(0);
    expect((parseAttributesOutput('525344') ?? 0) & FILE_ATTRIBUTE.PINNED).not.toBe(0);
    expect(hasCloudFileAttributes(online)).toBe(true);
    expect(hasCloudFileAttributes(525344)).toBe(true);
    expect(hasCloudFileAttributes(parseAttributesOutput('ReparsePoint') ?? 0)).toBe(false);
    expect(hasCloudFileAttributes(FILE_ATTRIBUTE.RECALL_ON_OPEN)).toBe(true);
  });
});

describe('powerShellAttributes', () => {
  it('runs Windows PowerShell with the path in the environment, never in the script', async () => {
    const calls: Parameters<CommandRunner>[] = [];
    const run: CommandRunner = (...args) => {
      calls.push(args);
      return Promise.resolve({ stdout: '5248544\r\n', stderr: '', exitCode: 0 });
    };
    const path = 'C:\\Users\\ann\\O\'Neil "$(evil)"\\OneDrive';
    expect(await powerShellAttributes(run, { SystemRoot: 'C:\\WINDOWS' })(path)).toBe(5248544);
    expect(calls).toHaveLength(1);
    const [file, args, options] = calls[0] ?? [];
    // By full path: a bare name would run a powershell.exe from the current folder or PATH.
    expect(file).toBe('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(args).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', ATTRIBUTES_SCRIPT]);
    expect(ATTRIBUTES_SCRIPT).not.toContain(path);
    expect(Object.values(options?.env ?? {})).toEqual([path]);
    expect(ATTRIBUTES_SCRIPT).toContain(`$env:${Object.keys(options?.env ?? {})[0]}`);
  });

  it('answers null when PowerShell fails or prints something else', async () => {
    const failed: CommandRunner = () =>
      Promise.resolve({ stdout: '', stderr: 'Get-Item : Cannot find path', exitCode: 1 });
    expect(await powerShellAttributes(failed)('C:\\gone')).toBeNull();
    const odd: CommandRunner = () => Promise.resolve({ stdout: 'Access denied', stderr: '', exitCode: 0 });
    expect(await powerShellAttributes(odd)('C:\\x')).toBeNull();
  });
});

describe('cachedAttributes', () => {
  it('asks once per path within the time it keeps answers, failures included, then again', async () => {
    let time = 0;
    const asked: string[] = [];
    const read = (path: string) => {
      asked.push(path);
      return path === 'C:\\broken' ? Promise.reject(new Error('no PowerShell')) : Promise.resolve(16);
    };
    const cached = cachedAttributes(read, 1000, () => time);
    const [a, b] = await Promise.all([cached('C:\\A'), cached('C:\\A')]);
    expect([a, b]).toEqual([16, 16]);
    expect(await cached('C:\\broken')).toBeNull();
    expect(await cached('C:\\broken')).toBeNull();
    time = 999;
    expect(await cached('C:\\A')).toBe(16);
    expect(asked).toEqual(['C:\\A', 'C:\\broken']);
    time = 1000;
    expect(await cached('C:\\A')).toBe(16);
    expect(asked).toEqual(['C:\\A', 'C:\\broken', 'C:\\A']);
  });
});

import { describe, expect, it } from 'vitest';
import { nodeCommandRunner, windowsSystemProgram } from './command-runner';

describe('nodeCommandRunner', () => {
  it('runs a program with arguments as given and extra environment, and reports its exit code', async () => {
    const script = 'process.stdout.write(process.argv[1] + "|" + process.env.NV_TEST_VALUE); process.exit(3)';
    const result = await nodeCommandRunner(process.execPath, ['-e', script, 'a "quoted" $arg'], {
      env: { NV_TEST_VALUE: "it's $(not run)" },
    });
    expect(result).toEqual({ stdout: 'a "quoted" $arg|it\'s $(not run)', stderr: '', exitCode: 3 });
  });

  it('reports -1 for a program that cannot start or runs past its time, and never rejects', async () => {
    expect((await nodeCommandRunner('/nonexistent/notevault-helper', [])).exitCode).toBe(-1);
    const slow = await nodeCommandRunner(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], {
      timeoutMs: 200,
    });
    expect(slow.exitCode).toBe(-1);
  });
});

describe('windowsSystemProgram', () => {
  const POWERSHELL = 'WindowsPowerShell\\v1.0\\powershell.exe';

  it('names the program by full path under %SystemRoot%\\System32, else %windir%', () => {
    expect(windowsSystemProgram(POWERSHELL, { SystemRoot: 'D:\\WINNT' })).toBe(
      'D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    expect(windowsSystemProgram('schtasks.exe', { SystemRoot: 'C:\\Windows\\' })).toBe(
      'C:\\Windows\\System32\\schtasks.exe',
    );
    expect(windowsSystemProgram('whoami.exe', { windir: 'E:\\Win' })).toBe('E:\\Win\\System32\\whoami.exe');
  });

  it('falls back to C:\\Windows when neither is an absolute drive path, never to a bare name', () => {
    for (const SystemRoot of [undefined, '', '.', 'Windows', '\\\\server\\share', '%SystemRoot%']) {
      expect(windowsSystemProgram(POWERSHELL, { SystemRoot })).toBe(
        'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      );
    }
  });
});

import { describe, expect, it } from 'vitest';
import { nodeCommandRunner } from './command-runner';

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

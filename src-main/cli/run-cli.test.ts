import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import type { CliCommand } from './cli-types';
import { runCli } from './run-cli';
import { runCliCaptured, testIo } from '../../test/main/cli/test-support';

describe('runCli usage errors (exit code 2)', () => {
  it.each([
    [[], /^notevault: no command given \(run 'notevault --help' for usage\)\n$/],
    [['frobnicate'], /^notevault: unknown command 'frobnicate' \(run 'notevault --help' for usage\)\n$/],
    [['--db', 'x'], /'--db' must come after a command/],
    [
      ['import', '/tmp/x'],
      /^notevault: 'import' needs --db <path> \(run 'notevault import --help' for usage\)\n$/,
    ],
    [['import', '--db', 'x.db'], /'import' needs a <path> argument/],
    [['import', 'a', 'b', '--db', 'x.db'], /unexpected argument 'b' for 'import'/],
    [['import', 'a', '--db'], /option '--db' needs a value/],
    [['import', 'a', '--db', '--to'], /option '--db' needs a value/],
    [['import', 'a', '--db', ''], /--db must not be empty/],
    [['import', 'a', '--db', 'x', '--bogus'], /unknown option '--bogus' for 'import'/],
    [['import', 'a', '--db', 'x', '--json=yes'], /option '--json' does not take a value/],
    [
      ['export', '--db', 'x.db', '--format', 'json'],
      /'export' needs a <path> argument \(run 'notevault export --help'/,
    ],
    [['export', 'out', '--db', 'x.db'], /'export' needs --format <format> \(run 'notevault export --help'/],
    [
      ['export', 'out', '--db', 'x.db', '--format', 'json', 'extra'],
      /unexpected argument 'extra' for 'export'/,
    ],
    [['export', 'out', '--db', 'x.db', '--format', 'pdf'], /--format must be one of markdown, json/],
    [['help', 'nope'], /unknown command 'nope'/],
  ])('%j', async (argv, stderr) => {
    const run = await runCliCaptured(argv);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('prints a JSON error on stdout with --json', async () => {
    const run = await runCliCaptured(['import', '--json', '--db', 'x.db']);
    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      command: 'import',
      error: { code: 'USAGE', message: expect.stringMatching(/needs a <path> argument/) as unknown },
    });
    expect(run.stderr).toMatch(/^notevault: /);
  });
});

describe('runCli help', () => {
  it.each([['--help'], ['-h'], ['help']])(
    '%s prints the program help on stdout and exits 0',
    async (flag) => {
      const run = await runCliCaptured([flag]);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^Usage: notevault <command>/);
      expect(run.stdout).toMatch(/import <path>/);
      expect(run.stdout).toMatch(/export/);
      expect(run.stderr).toBe('');
    },
  );

  it.each([[['import', '--help']], [['import', '-h', '--bogus']], [['help', 'import']]])(
    '%j prints the import help',
    async (argv) => {
      const run = await runCliCaptured(argv);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(
        /^Usage: notevault import <path> --db <path> \[--from <format>\] \[--json\]/,
      );
    },
  );

  it('prints the version', async () => {
    const run = await runCliCaptured(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^notevault \d+\.\d+\.\d+\n$/);
  });
});

describe('runCli dispatch through the command table', () => {
  const received: unknown[] = [];
  const probe: CliCommand = {
    name: 'probe',
    summary: 'A test command',
    positionals: [{ name: 'thing', description: 'a thing' }],
    options: {
      level: { type: 'string', valueName: '<n>', description: 'a level' },
      loud: { type: 'boolean', short: 'l', description: 'loud' },
    },
    details: [],
    run(input) {
      received.push(input);
      if (input.positionals.thing === 'locked')
        throw new NoteVaultError('FILE_LOCKED', 'The file x is locked.\nClose it.');
      if (input.positionals.thing === 'passkey') throw new NoteVaultError('WRONG_PASSKEY', 'Wrong passkey.');
      if (input.positionals.thing === 'bug') throw new TypeError('undefined is not a function');
      return Promise.resolve({ data: { count: 2 }, text: 'Did the thing.' });
    },
  };

  it('runs a command from the table with its parsed arguments', async () => {
    const { io, stdout } = testIo();
    expect(await runCli(['probe', 'x', '--level', '3', '-l'], io, [probe])).toBe(0);
    expect(received.at(-1)).toEqual({
      positionals: { thing: 'x' },
      options: { level: '3', loud: true },
      json: false,
    });
    expect(stdout()).toBe('Did the thing.\n');
  });

  it('prints one JSON object with ok, command and the data for --json', async () => {
    const { io, stdout } = testIo();
    expect(await runCli(['probe', '--json', 'x'], io, [probe])).toBe(0);
    expect(JSON.parse(stdout())).toEqual({ ok: true, command: 'probe', count: 2 });
  });

  it('treats arguments after -- as positionals', async () => {
    const { io } = testIo();
    expect(await runCli(['probe', '--', '--json'], io, [probe])).toBe(0);
    expect(received.at(-1)).toMatchObject({ positionals: { thing: '--json' }, json: false });
  });

  it.each([
    ['locked', 5, 'FILE_LOCKED', 'notevault: The file x is locked. Close it.\n'],
    ['passkey', 3, 'WRONG_PASSKEY', 'notevault: Wrong passkey.\n'],
  ])(
    'maps a thrown NoteVaultError (%s) to its exit code and one stderr line',
    async (thing, exitCode, code, line) => {
      const { io, stdout, stderr } = testIo();
      expect(await runCli(['probe', thing, '--json'], io, [probe])).toBe(exitCode);
      expect(stderr()).toBe(line);
      expect(JSON.parse(stdout())).toMatchObject({ ok: false, command: 'probe', error: { code } });
    },
  );

  it("says a backup command's failure in the catalogue's sentence, with the pipeline text as --json details", async () => {
    const technical =
      'The passkey is wrong, or the header of /b/x.nvbak was altered: its first chunk (byte offset 64) could not be decrypted.';
    const verify: CliCommand = {
      ...probe,
      name: 'verify',
      run: () => Promise.reject(new NoteVaultError('WRONG_PASSKEY', technical)),
    };
    const { io, stdout, stderr } = testIo();
    expect(await runCli(['verify', 'x', '--json'], io, [verify])).toBe(3);
    const sentence =
      'That passkey does not open this backup: check it (capital letters count) and try again.';
    expect(stderr()).toBe(`notevault: ${sentence}\n`);
    expect(JSON.parse(stdout())).toEqual({
      ok: false,
      command: 'verify',
      error: { code: 'WRONG_PASSKEY', message: sentence, details: technical },
    });
    // Whoever debugs sees the technical text on stderr too.
    const debug = testIo({ NOTEVAULT_DEBUG: '1' });
    await runCli(['verify', 'x'], debug.io, [verify]);
    expect(debug.stderr()).toContain(`\n${technical}\n`);
  });

  it('reports an unexpected error as an internal failure (exit 1), with the stack only when debugging', async () => {
    const quiet = testIo();
    expect(await runCli(['probe', 'bug'], quiet.io, [probe])).toBe(1);
    expect(quiet.stderr()).toMatch(
      /^notevault: Unexpected error: undefined is not a function\. This is a bug/,
    );
    expect(quiet.stderr().trimEnd().split('\n')).toHaveLength(1);

    const debug = testIo({ NOTEVAULT_DEBUG: '1' });
    expect(await runCli(['probe', 'bug'], debug.io, [probe])).toBe(1);
    expect(debug.stderr()).toMatch(/TypeError: undefined is not a function\n\s+at /);
  });

  it('shows a new command in the program help without touching the dispatcher', async () => {
    const { io, stdout } = testIo();
    expect(await runCli(['--help'], io, [probe])).toBe(0);
    expect(stdout()).toMatch(/probe <thing> +A test command/);
  });
});

import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { commandHelp, programHelp } from './help';

describe('help text', () => {
  it('lists every command and every exit code in the program help', () => {
    const text = programHelp(COMMANDS);
    for (const command of COMMANDS) expect(text).toContain(`  ${command.name}`);
    for (const code of [0, 1, 2, 3, 4, 5]) expect(text).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
    expect(text).toContain('--json');
  });

  it.each(COMMANDS.map((command) => [command.name, command] as const))(
    'documents every option and the exit codes of %s',
    (_name, command) => {
      const text = commandHelp(command);
      for (const name of Object.keys(command.options)) expect(text).toContain(`--${name}`);
      for (const positional of command.positionals) expect(text).toContain(`<${positional.name}>`);
      expect(text).toContain('--json');
      expect(text).toContain('Exit codes:');
      for (const code of [0, 1, 2, 3, 4, 5]) expect(text).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
    },
  );

  it('keeps lines within 80 columns', () => {
    const texts = [programHelp(COMMANDS), ...COMMANDS.map(commandHelp)];
    for (const line of texts.join('\n').split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('shows recovery-code as one command with an <action>, and when it will print a code', () => {
    const text = commandHelp(COMMANDS.find((c) => c.name === 'recovery-code') ?? COMMANDS[0]!);
    expect(text).toMatch(/^Usage: notevault recovery-code <action> --db <path> \[--backups <folder>\]$/m);
    expect(text).toMatch(/^ +<action> +create, revoke or status$/m);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'When that is not a terminal (a file, a pipe, a log), "create" refuses',
    );
  });

  it('marks required options and shows the usage line', () => {
    const text = commandHelp(COMMANDS.find((c) => c.name === 'export') ?? COMMANDS[0]!);
    expect(text).toMatch(/^Usage: notevault export <path> --db <path> --format <format> \[--history\]$/m);
    expect(text).toMatch(/--db <path> +notes database to export from \(required\)/);
  });
});

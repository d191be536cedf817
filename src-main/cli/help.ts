import type { CliCommand, OptionSpec } from './cli-types';
import { EXIT_CODE_DESCRIPTIONS } from './exit-codes';

const WIDTH = 80;
const JSON_HELP = 'print the result as one JSON object on stdout (errors too)';

export function programHelp(commands: readonly CliCommand[]): string {
  const rows = commands.map((command) => [usageHead(command), command.summary] as const);
  return [
    'Usage: notevault <command> [arguments] [options]',
    '',
    'NoteVault from the command line: work with a notes database without the app.',
    '',
    'Commands:',
    ...table(rows),
    '',
    'Options:',
    ...table([
      ['-h, --help', 'show this help; "notevault <command> --help" shows a command\'s help'],
      ['--version', 'print the version of NoteVault'],
      ['--json', `after a command: ${JSON_HELP}`],
    ]),
    '',
    ...exitCodeSection(),
    '',
    'Errors are printed to stderr as one line starting with "notevault:".',
    '',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const optionRows: (readonly [string, string])[] = Object.entries(command.options).map(([name, spec]) => [
    optionLabel(name, spec),
    spec.required === true ? `${spec.description} (required)` : spec.description,
  ]);
  optionRows.push(['--json', JSON_HELP], ['-h, --help', 'show this help']);
  const lines = [...usageLines(command), '', `${command.summary}.`, ''];
  if (command.positionals.length > 0) {
    lines.push(
      'Arguments:',
      ...table(command.positionals.map((p) => [`<${p.name}>`, p.description] as const)),
      '',
    );
  }
  lines.push('Options:', ...table(optionRows), '');
  for (const paragraph of command.details) lines.push(...wrap(paragraph, WIDTH), '');
  lines.push(...exitCodeSection(), '');
  return lines.join('\n');
}

function usageHead(command: CliCommand): string {
  return [command.name, ...command.positionals.map((p) => `<${p.name}>`)].join(' ');
}

/** The usage line, wrapped between options (never inside one) under the command name. */
function usageLines(command: CliCommand): string[] {
  const prefix = 'Usage: notevault ';
  const options = Object.entries(command.options).map(([name, spec]) => {
    const label = spec.type === 'string' ? `--${name} ${spec.valueName ?? '<value>'}` : `--${name}`;
    return spec.required === true ? label : `[${label}]`;
  });
  const lines: string[] = [];
  let line = `${prefix}${usageHead(command)}`;
  for (const option of [...options, '[--json]']) {
    if (line.length + 1 + option.length > WIDTH) {
      lines.push(line);
      line = `${' '.repeat(prefix.length + 2)}${option}`;
    } else {
      line = `${line} ${option}`;
    }
  }
  lines.push(line);
  return lines;
}

function optionLabel(name: string, spec: OptionSpec): string {
  const long = spec.type === 'string' ? `--${name} ${spec.valueName ?? '<value>'}` : `--${name}`;
  return spec.short === undefined ? long : `-${spec.short}, ${long}`;
}

function exitCodeSection(): string[] {
  return [
    'Exit codes:',
    ...table(EXIT_CODE_DESCRIPTIONS.map(([code, text]) => [String(code), text] as const)),
  ];
}

/** Two columns; the second wraps under itself. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const indent = 2 + labelWidth + 3;
  return rows.flatMap(([label, text]) => {
    const [first = '', ...rest] = wrap(text, WIDTH - indent);
    return [`  ${label.padEnd(labelWidth)}   ${first}`, ...rest.map((line) => ' '.repeat(indent) + line)];
  });
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { CliCommand, CommandInput } from './cli-types';
import { UsageError } from './usage-error';

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts; the dispatcher handles them, never the command. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseOptions;

/**
 * Parses one command's arguments (everything after the command name) strictly: unknown
 * options, missing values, and missing or extra positionals are usage errors.
 */
export function parseCommandArgs(command: CliCommand, args: readonly string[]): CommandInput {
  refuseOptions(command, args);
  const options: ParseOptions = { ...GLOBAL_OPTIONS };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error, command.name), command.name);
  }

  const positionals: Record<string, string> = {};
  command.positionals.forEach((spec, index) => {
    const value = parsed.positionals[index];
    if (value === undefined || value === '') {
      throw new UsageError(`'${command.name}' needs a <${spec.name}> argument`, command.name);
    }
    positionals[spec.name] = value;
  });
  const extra = parsed.positionals[command.positionals.length];
  if (extra !== undefined) {
    throw new UsageError(`unexpected argument '${extra}' for '${command.name}'`, command.name);
  }

  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (spec.required === true && value === undefined) {
      throw new UsageError(`'${command.name}' needs --${name} ${spec.valueName ?? '<value>'}`, command.name);
    }
    // An empty path usually means an unset shell variable; acting on it would use the
    // current folder, which is never what was meant.
    if (value === '') {
      throw new UsageError(`--${name} must not be empty`, command.name);
    }
  }

  return { positionals, options: values, json: values.json === true };
}

/** Checked before parsing, so the explanation wins over a generic "unknown option". */
function refuseOptions(command: CliCommand, args: readonly string[]): void {
  const refused = command.refusedOptions;
  if (refused === undefined) return;
  const end = args.indexOf('--');
  for (const arg of end === -1 ? args : args.slice(0, end)) {
    // The value is never echoed: it may be the very secret the refusal protects.
    const name = /^--([^=]+)/.exec(arg)?.[1];
    const reason = name === undefined ? undefined : refused[name];
    if (reason !== undefined) throw new UsageError(`--${name} is not accepted: ${reason}`, command.name);
  }
}

function describeParseError(error: unknown, commandName: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // Node's messages carry long advice about '--'; name the problem in our own words.
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (option !== undefined) {
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${option}' for '${commandName}'`;
    if (/does not take an argument/.test(message)) return `option '${option}' does not take a value`;
    if (/argument missing|ambiguous/.test(message)) return `option '${option}' needs a value`;
  }
  return message.split('\n')[0] ?? message;
}

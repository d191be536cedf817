import { NoteVaultError } from '../../src-shared/errors';
import type { CommandInput } from './cli-types';

// The dispatcher has already checked required arguments against the command's spec, so a
// missing one here means the spec and the command disagree: a bug, not a usage error.

export function positional(input: CommandInput, name: string): string {
  const value = input.positionals[name];
  if (value === undefined) throw new NoteVaultError('INTERNAL', `The <${name}> argument was not parsed.`);
  return value;
}

export function requiredString(input: CommandInput, name: string): string {
  const value = input.options[name];
  if (typeof value !== 'string') throw new NoteVaultError('INTERNAL', `The --${name} option was not parsed.`);
  return value;
}

export function flag(input: CommandInput, name: string): boolean {
  return input.options[name] === true;
}

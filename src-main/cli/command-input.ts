import { resolve } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { untrustedPathReason } from '../fsx/trusted-path';
import { UsageError } from './usage-error';
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

/**
 * A path option (--db, --out, --from, --safety-dir) as an absolute path. A relative one is
 * what the person typed in their own shell, so it is taken against the working folder; the
 * result must then pass the one path rule (no UNC, no device path, no NUL: trusted-path.ts).
 */
export function pathOption(input: CommandInput, name: string): string {
  const path = resolve(requiredString(input, name));
  const reason = untrustedPathReason(path);
  // A usage error (exit 2): the command line named a path NoteVault never opens.
  if (reason !== null)
    throw new UsageError(`NoteVault refused the --${name} path because ${reason}; give a full local path.`);
  return path;
}

import { NoteVaultError } from '../../../src-shared/errors';
import type { CliIo } from '../cli-types';
import { UsageError } from '../usage-error';
import { confirmHidden, promptHidden } from './prompt-hidden';
import { readStdinLine } from './read-stdin-line';

export const PASSKEY_ENV = 'NOTEVAULT_PASSKEY';

/** Why `--passkey <value>` is refused; shown by the usage error. */
export const PASSKEY_ARGUMENT_REFUSAL =
  'a passkey on the command line is visible to every user of this computer in the process list ' +
  `and is saved in your shell history. Set ${PASSKEY_ENV}, pipe it in with --passkey-stdin, or ` +
  'leave both out to be asked for it.';

/** For each command's help: where the passkey comes from. */
export const PASSKEY_SOURCES_HELP =
  `The passkey comes from the ${PASSKEY_ENV} environment variable, or from the first line of ` +
  'standard input with --passkey-stdin (only the line ending is removed), or, when neither is ' +
  'given and a person is at the terminal, from a prompt that does not show what is typed. It is ' +
  'never accepted as an argument: other users could see it in the process list.';

export interface PasskeyRequest {
  commandName: string;
  /** --passkey-stdin was given. */
  fromStdin: boolean;
  /** Whether a terminal prompt may be shown when no other source is given. */
  mayPrompt: boolean;
  /** Ask twice at the prompt and require a match: a typo in a new backup's passkey is fatal. */
  confirm: boolean;
}

/**
 * The passkey from exactly one source, or undefined when no source was given and no prompt
 * may be shown (the caller decides whether that is an error). Two sources at once are a
 * usage error rather than one silently winning: a backup made with the passkey a person
 * did not mean could never be opened.
 */
export async function obtainPasskey(io: CliIo, request: PasskeyRequest): Promise<string | undefined> {
  const fromEnv = io.env[PASSKEY_ENV];
  if (request.fromStdin && fromEnv !== undefined) {
    throw new UsageError(
      `${PASSKEY_ENV} is set and --passkey-stdin was given; give the passkey one way only`,
      request.commandName,
    );
  }
  if (request.fromStdin) {
    return nonEmpty(await readStdinLine(io.stdin), 'The first line of standard input (--passkey-stdin)');
  }
  if (fromEnv !== undefined) return nonEmpty(fromEnv, `The ${PASSKEY_ENV} environment variable`);
  if (!passkeyWillBeObtained(io, request)) return undefined;

  const first = nonEmpty(await promptHidden(io.stdin, io.stderr, 'Passkey: '), 'The passkey you typed');
  if (request.confirm) {
    await confirmHidden(
      io.stdin,
      io.stderr,
      first,
      'Passkey again: ',
      'The two passkeys you typed differ, so no backup was made. Run the command again and type the same passkey twice.',
    );
  }
  return first;
}

/**
 * Whether obtainPasskey would produce a passkey (or prompt for one) rather than undefined,
 * without reading anything: lets a command whose passkey is optional decide first whether
 * it will derive a key at all.
 */
export function passkeyWillBeObtained(io: CliIo, request: Omit<PasskeyRequest, 'confirm'>): boolean {
  return request.fromStdin || io.env[PASSKEY_ENV] !== undefined || (request.mayPrompt && io.isTTY);
}

/** For commands that cannot work without a passkey. */
export async function requirePasskey(io: CliIo, request: PasskeyRequest): Promise<string> {
  const passkey = await obtainPasskey(io, { ...request, mayPrompt: true });
  if (passkey === undefined) {
    throw new UsageError(
      `no passkey given: set ${PASSKEY_ENV} or use --passkey-stdin (there is no terminal to ask on)`,
      request.commandName,
    );
  }
  return passkey;
}

function nonEmpty(passkey: string, source: string): string {
  if (passkey.length === 0) {
    throw new NoteVaultError('VALIDATION', `${source} is empty. Give the passkey of the backup.`);
  }
  return passkey;
}

import { NoteVaultError } from '../../../src-shared/errors';
import { assertNewPasskeyStrongEnough } from '../../app/passkey-check';
import type { CliIo, OptionSpec } from '../cli-types';
import { UsageError } from '../usage-error';
import { PASSKEY_ENV } from './obtain-passkey';
import { confirmHidden, promptHidden } from './prompt-hidden';
import { readStdinLine } from './read-stdin-line';

export const NEW_PASSKEY_ENV = 'NOTEVAULT_NEW_PASSKEY';

/** change-passkey's options for its two passkeys. */
export const CHANGE_PASSKEY_OPTIONS: Record<'old-passkey-stdin' | 'new-passkey-stdin', OptionSpec> = {
  'old-passkey-stdin': {
    type: 'boolean',
    description: 'read the current passkey from the first line of standard input',
  },
  'new-passkey-stdin': {
    type: 'boolean',
    description: 'read the new passkey from the first line of standard input',
  },
};

/** For change-passkey's help: where each passkey comes from (as restore's two passkeys). */
export const CHANGE_PASSKEY_SOURCES_HELP =
  `The current passkey comes from the ${PASSKEY_ENV} environment variable or, with --old-passkey-stdin, ` +
  `from the first line of standard input; the new one from ${NEW_PASSKEY_ENV} or, with --new-passkey-stdin, ` +
  'from standard input. Standard input carries one passkey, so at most one of the two options may be given. ' +
  'A passkey given neither way is asked for at the terminal without showing what is typed (the new one ' +
  "twice). The new passkey must be as hard to guess as a new backup's. Passkeys are never accepted as " +
  'arguments: other users could see them in the process list.';

export interface ChangePasskeysRequest {
  commandName: string;
  oldFromStdin: boolean;
  newFromStdin: boolean;
}

async function fromOneSource(
  io: CliIo,
  options: {
    fromStdin: boolean;
    env: string;
    what: string;
    prompt: string;
    confirm: boolean;
    commandName: string;
    stdinOption: string;
  },
): Promise<string> {
  const fromEnv = io.env[options.env];
  if (options.fromStdin && fromEnv !== undefined) {
    throw new UsageError(
      `${options.env} is set and --${options.stdinOption} was given; give the ${options.what} one way only`,
      options.commandName,
    );
  }
  let passkey: string;
  if (options.fromStdin) passkey = await readStdinLine(io.stdin);
  else if (fromEnv !== undefined) passkey = fromEnv;
  else if (io.isTTY) {
    passkey = await promptHidden(io.stdin, io.stderr, `${options.prompt}: `);
    if (options.confirm) {
      await confirmHidden(
        io.stdin,
        io.stderr,
        passkey,
        `${options.prompt} again: `,
        'The two new passkeys you typed differ, so nothing was changed. Run the command again and type the same passkey twice.',
      );
    }
  } else {
    throw new UsageError(
      `no ${options.what} given: set ${options.env} or use --${options.stdinOption} (there is no terminal to ask on)`,
      options.commandName,
    );
  }
  if (passkey.length === 0) {
    throw new NoteVaultError('VALIDATION', `The ${options.what} is empty. Give it and try again.`);
  }
  return passkey;
}

/** The current and the new passkey, each from exactly one source; the new one checked for strength. */
export async function obtainChangePasskeys(
  io: CliIo,
  request: ChangePasskeysRequest,
): Promise<{ oldPasskey: string; newPasskey: string }> {
  if (request.oldFromStdin && request.newFromStdin) {
    throw new UsageError(
      `standard input carries one passkey: give the current one with ${PASSKEY_ENV} or the new one with ${NEW_PASSKEY_ENV}`,
      request.commandName,
    );
  }
  const oldPasskey = await fromOneSource(io, {
    fromStdin: request.oldFromStdin,
    env: PASSKEY_ENV,
    what: 'current passkey',
    prompt: 'Current passkey',
    confirm: false,
    commandName: request.commandName,
    stdinOption: 'old-passkey-stdin',
  });
  const newPasskey = await fromOneSource(io, {
    fromStdin: request.newFromStdin,
    env: NEW_PASSKEY_ENV,
    what: 'new passkey',
    prompt: 'New passkey',
    confirm: true,
    commandName: request.commandName,
    stdinOption: 'new-passkey-stdin',
  });
  if (newPasskey === oldPasskey) {
    throw new NoteVaultError(
      'VALIDATION',
      'The new passkey is the same as the current one. Choose a new passkey.',
    );
  }
  await assertNewPasskeyStrongEnough(newPasskey);
  return { oldPasskey, newPasskey };
}

import { NoteVaultError } from '../../../src-shared/errors';
import { assertNewPasskeyStrongEnough } from '../../app/passkey-check';
import type { CliIo, OptionSpec } from '../cli-types';
import { UsageError } from '../usage-error';
import { PASSKEY_ENV } from './obtain-passkey';
import { confirmHidden, promptHidden } from './prompt-hidden';
import { readStdinLine } from './read-stdin-line';

export const SAFETY_PASSKEY_ENV = 'NOTEVAULT_SAFETY_PASSKEY';

/** restore's options for that passkey. */
export const SAFETY_PASSKEY_OPTIONS: Record<'safety-passkey-stdin' | 'safety-same-passkey', OptionSpec> = {
  'safety-passkey-stdin': {
    type: 'boolean',
    description: 'read your passkey for the copy of the current notes from the first line of standard input',
  },
  'safety-same-passkey': {
    type: 'boolean',
    description: "protect the copy of the current notes with the backup's passkey: it is yours too",
  },
};

/** For restore's help: where the passkey of the copy of the current notes comes from. */
export const SAFETY_PASSKEY_HELP =
  'Before replacing a database that holds notes, restore saves them as a "before-restore" backup ' +
  'encrypted with your own passkey, never the passkey of the file being restored (it may be ' +
  `someone else's). That passkey comes from the ${SAFETY_PASSKEY_ENV} environment variable, or ` +
  'from the first line of standard input with --safety-passkey-stdin, or from a prompt at a ' +
  "terminal (typed twice); it must be as hard to guess as a new backup's. Give " +
  "--safety-same-passkey instead when your passkey is the same as the backup's: --yes never implies it. " +
  'None of this is asked once a backup was made with a passkey beside the database: the copy then ' +
  "gets your passkey's and recovery code's slots from the public keys NoteVault keeps there (backup-keys.json).";

export interface SafetyPasskeyRequest {
  commandName: string;
  /** --safety-same-passkey: the person said their passkey is the backup's. */
  samePasskey: boolean;
  /** --safety-passkey-stdin was given. */
  fromStdin: boolean;
  /** --passkey-stdin was given too: standard input carries one passkey, not two. */
  backupPasskeyFromStdin: boolean;
}

/**
 * The passkey that protects the current notes before a restore replaces them: the person's own,
 * from exactly one source, never silently the backup's (`backupPasskey` is used only with
 * --safety-same-passkey; undefined when the backup was opened with its recovery code). A passkey entered here encrypts a new backup, so it must pass the
 * same strength rule as `backup`'s.
 */
export async function obtainSafetyPasskey(
  io: CliIo,
  request: SafetyPasskeyRequest,
  backupPasskey: string | undefined,
): Promise<string> {
  const fromEnv = io.env[SAFETY_PASSKEY_ENV];
  const sources = [request.samePasskey, request.fromStdin, fromEnv !== undefined].filter(Boolean);
  if (sources.length > 1) {
    throw new UsageError(
      `give the passkey for the copy of your current notes one way only (--safety-same-passkey, ` +
        `--safety-passkey-stdin or ${SAFETY_PASSKEY_ENV})`,
      request.commandName,
    );
  }
  if (request.samePasskey) {
    if (backupPasskey !== undefined) return backupPasskey;
    throw new UsageError(
      `--safety-same-passkey needs the backup's passkey, and it was opened with its recovery code: give your ` +
        `passkey with --safety-passkey-stdin or ${SAFETY_PASSKEY_ENV} instead`,
      request.commandName,
    );
  }
  if (request.fromStdin && request.backupPasskeyFromStdin) {
    throw new UsageError(
      `standard input carries one passkey: give the backup's with ${PASSKEY_ENV} or yours with ${SAFETY_PASSKEY_ENV}`,
      request.commandName,
    );
  }
  let passkey: string;
  if (request.fromStdin) {
    passkey = await readStdinLine(io.stdin);
  } else if (fromEnv !== undefined) {
    passkey = fromEnv;
  } else if (io.isTTY) {
    passkey = await promptHidden(
      io.stdin,
      io.stderr,
      'Your passkey, to protect a copy of your current notes made before the restore: ',
    );
    await confirmHidden(
      io.stdin,
      io.stderr,
      passkey,
      'Your passkey again: ',
      'The two passkeys you typed differ, so nothing was restored. Run the command again and type the same passkey twice.',
    );
  } else {
    throw new UsageError(
      `the database holds notes, and they are saved first under your own passkey: set ${SAFETY_PASSKEY_ENV}, ` +
        "use --safety-passkey-stdin, or give --safety-same-passkey if it is the backup's passkey " +
        '(there is no terminal to ask on)',
      request.commandName,
    );
  }
  if (passkey.length === 0) {
    throw new NoteVaultError(
      'VALIDATION',
      'The passkey for the copy of your current notes is empty. Give your passkey and try again.',
    );
  }
  await assertNewPasskeyStrongEnough(passkey);
  return passkey;
}

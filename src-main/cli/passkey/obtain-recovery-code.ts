import { NoteVaultError } from '../../../src-shared/errors';
import { parseRecoveryCode } from '../../../src-shared/recovery-code';
import type { CliIo, OptionSpec } from '../cli-types';
import { UsageError } from '../usage-error';
import { PASSKEY_ENV } from './obtain-passkey';
import { readStdinLine } from './read-stdin-line';

export const RECOVERY_CODE_STDIN = 'recovery-code-stdin';

/** The option of every command that opens a backup with the passkey. */
export const RECOVERY_CODE_STDIN_OPTION: OptionSpec = {
  type: 'boolean',
  description: 'open the backup with its recovery code instead, read from the first line of standard input',
};

/** Why `--recovery-code <value>` is refused; shown by the usage error. */
export const RECOVERY_CODE_ARGUMENT_REFUSAL =
  'a recovery code on the command line is visible to every user of this computer in the process list ' +
  `and is saved in your shell history. Pipe it in with --${RECOVERY_CODE_STDIN} instead.`;

/** For each such command's help. */
export const RECOVERY_CODE_HELP =
  'With --recovery-code-stdin the backup is opened with its recovery code (8 groups of 5 ' +
  'characters; spaces, dashes and lower case are fine) instead of the passkey: no key derivation ' +
  'runs, so it is quick. A mistyped group is reported before anything else is done. Backups made ' +
  'before the code was created, or before NoteVault had recovery codes, open only with their passkey.';

export interface RecoveryCodeRequest {
  commandName: string;
  /** --recovery-code-stdin was given. */
  fromStdin: boolean;
  /** --passkey-stdin was given too. */
  passkeyFromStdin: boolean;
}

/**
 * The recovery code's 20 bytes when --recovery-code-stdin was given, else undefined (the
 * command asks for the passkey as before). One way in only: a passkey given as well is a usage
 * error rather than one silently winning. A typo is refused here, naming the group, before any
 * file is opened or key worked out. The caller wipes the bytes after the job.
 */
export async function obtainRecoveryCode(
  io: CliIo,
  request: RecoveryCodeRequest,
): Promise<Uint8Array | undefined> {
  if (!request.fromStdin) return undefined;
  if (request.passkeyFromStdin || io.env[PASSKEY_ENV] !== undefined) {
    throw new UsageError(
      `give the passkey (--passkey-stdin or ${PASSKEY_ENV}) or the recovery code (--${RECOVERY_CODE_STDIN}), not both`,
      request.commandName,
    );
  }
  const parsed = parseRecoveryCode(await readStdinLine(io.stdin));
  if (!parsed.ok) throw new NoteVaultError('VALIDATION', `${parsed.message} Nothing was done.`);
  return parsed.bytes;
}

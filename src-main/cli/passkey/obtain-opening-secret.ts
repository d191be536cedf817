import { NoteVaultError } from '../../../src-shared/errors';
import type { AnyBackupHeader } from '../../backup/format/header';
import { passkeyKdfOf } from '../../backup/format/opening-cost';
import type { KeySource } from '../../backup/passkey-or-key';
import type { CliIo } from '../cli-types';
import { confirmOpeningCost } from '../commands/opening-cost-check';
import { obtainPasskey, passkeyWillBeObtained, requirePasskey } from './obtain-passkey';
import { obtainRecoveryCode } from './obtain-recovery-code';

export interface OpeningSecretRequest {
  commandName: string;
  passkeyFromStdin: boolean;
  recoveryCodeFromStdin: boolean;
  /** Whether a terminal prompt for the passkey may be shown (inspect: only with --ask-passkey). */
  mayPrompt: boolean;
  /** --yes: open a backup whose passkey costs more than usual without asking. */
  yes: boolean;
  /** Whether the command cannot work without a secret (verify, restore) or only shows more with one (inspect). */
  required: boolean;
}

/** The secret the person gave, as the job takes it; `passkey` too when it was a passkey. */
export interface OpeningSecret {
  keySource: KeySource;
  passkey: string | undefined;
}

/**
 * The way in a command opens a backup with: the recovery code (--recovery-code-stdin, checked
 * for typos at once, no Argon2id so no cost to confirm) or the passkey as before, after the
 * opening-cost question that the passkey's settings call for. Undefined only when not
 * `required` and no secret was given.
 */
export async function obtainOpeningSecret(
  io: CliIo,
  header: AnyBackupHeader,
  request: OpeningSecretRequest,
): Promise<OpeningSecret | undefined> {
  const { commandName } = request;
  const recoveryCode = await obtainRecoveryCode(io, {
    commandName,
    fromStdin: request.recoveryCodeFromStdin,
    passkeyFromStdin: request.passkeyFromStdin,
  });
  if (recoveryCode !== undefined) return { keySource: { recoveryCode }, passkey: undefined };
  const passkeyRequest = {
    commandName,
    fromStdin: request.passkeyFromStdin,
    mayPrompt: request.mayPrompt,
    confirm: false,
  };
  // Only a passkey makes a job derive a key; without one (inspect) the header costs nothing to show.
  if (request.required || passkeyWillBeObtained(io, passkeyRequest)) {
    await confirmOpeningCost(io, passkeyKdfOf(header), { yes: request.yes, commandName });
  }
  const passkey = request.required
    ? await requirePasskey(io, passkeyRequest)
    : await obtainPasskey(io, passkeyRequest);
  return passkey === undefined ? undefined : { keySource: { passkey }, passkey };
}

/** For `required` requests, which never come back empty. */
export function requiredSecret(secret: OpeningSecret | undefined): OpeningSecret {
  if (secret === undefined) throw new NoteVaultError('INTERNAL', 'A required passkey came back empty.');
  return secret;
}

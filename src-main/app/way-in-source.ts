import { NoteVaultError } from '../../src-shared/errors';
import { parseRecoveryCode } from '../../src-shared/recovery-code';
import type { KeySource } from '../backup/passkey-or-key';

/** How the window names its way into an existing backup (src-shared/ipc/way-in.ts): at most one of the two. */
export interface WayInText {
  passkey?: string | undefined;
  /** As typed: main parses it again and never trusts the window's own check. */
  recoveryCode?: string | undefined;
}

/**
 * The job's key source for what the person typed, or undefined when they typed neither. A
 * recovery code with a typo is refused here, naming the group, before any file is read or key
 * worked out; its bytes go to the job, which wipes its copy, and the caller wipes these after it
 * (forgetKeySource).
 */
export function keySourceFromWayIn(wayIn: WayInText): KeySource | undefined {
  const { passkey, recoveryCode } = wayIn;
  if (passkey !== undefined && recoveryCode !== undefined) {
    throw new NoteVaultError('VALIDATION', 'Enter the passkey or the recovery code, not both.');
  }
  if (passkey !== undefined) return { passkey };
  if (recoveryCode === undefined) return undefined;
  const parsed = parseRecoveryCode(recoveryCode);
  if (!parsed.ok) throw new NoteVaultError('VALIDATION', parsed.message);
  return { recoveryCode: parsed.bytes };
}

/** keySourceFromWayIn for requests that must name one (the contract asks for it): neither is refused. */
export function requiredKeySource(wayIn: WayInText): KeySource {
  const source = keySourceFromWayIn(wayIn);
  if (source === undefined) {
    throw new NoteVaultError('VALIDATION', 'Enter the passkey of this backup or its recovery code.');
  }
  return source;
}

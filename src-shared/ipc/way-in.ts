import { z } from 'zod';

/**
 * How a request that opens an existing backup (restore:preview and restore:run, backups:verify,
 * browse:open) names its way in: the backup's passkey, or the recovery code instead (issue #16).
 * The code crosses as the text the person typed; main parses it again (src-shared/recovery-code.ts)
 * and never trusts the window's check.
 */

/** 40 symbols in 8 groups, with room for the spaces and dashes a person types between them. */
export const RECOVERY_CODE_TEXT_MAX = 100;

export const passkeyField = z
  .string({ error: 'The passkey must be text.' })
  .min(1, { error: 'Enter the passkey.' })
  .max(1024, { error: 'A passkey is at most 1024 characters.' });

export const recoveryCodeField = z
  .string({ error: 'The recovery code must be text.' })
  .min(1, { error: 'Enter the recovery code.' })
  .max(RECOVERY_CODE_TEXT_MAX, {
    error: `A recovery code is 8 groups of 5 characters; this text is longer than ${RECOVERY_CODE_TEXT_MAX} characters.`,
  });

/** True when at most one of the two ways in was given. */
export function notBothWaysIn(args: {
  passkey?: string | undefined;
  recoveryCode?: string | undefined;
}): boolean {
  return args.passkey === undefined || args.recoveryCode === undefined;
}

/** True when at least one of the two ways in was given. */
export function someWayIn(args: {
  passkey?: string | undefined;
  recoveryCode?: string | undefined;
}): boolean {
  return args.passkey !== undefined || args.recoveryCode !== undefined;
}

export const BOTH_WAYS_IN_MESSAGE = 'Enter the passkey or the recovery code, not both.';
export const NO_WAY_IN_MESSAGE = 'Enter the passkey of this backup or its recovery code.';

import { NoteVaultError } from '../../src-shared/errors';
import { DEFAULT_MEMLIMIT, DEFAULT_OPSLIMIT } from './format/format-constants';
import { defaultKdfParams } from './format/kdf';
import type { KdfParams } from './format/kdf';
import { resolveKey } from './passkey-or-key';
import type { KeySource, ResolvedKey } from './passkey-or-key';
import type { JobControls } from './progress';

/** Argon2id work factors, without the salt. */
export interface KdfCosts {
  opslimit: number;
  memlimit: number;
}

/** What every new backup gets (libsodium's MODERATE). */
export const DEFAULT_KDF_COSTS: KdfCosts = { opslimit: DEFAULT_OPSLIMIT, memlimit: DEFAULT_MEMLIMIT };

/** True when `kdf` costs an attacker less than a backup NoteVault makes: a restore warns about it. */
export function cheaperThan(kdf: KdfCosts, costs: KdfCosts = DEFAULT_KDF_COSTS): boolean {
  return kdf.opslimit < costs.opslimit || kdf.memlimit < costs.memlimit;
}

/**
 * The key of the before-restore safety backup: the user's current notes must never be
 * encrypted under the key, salt or work factors of the file being restored, which may come
 * from someone else (shared with its passkey) and cost nothing to attack. A passkey is
 * derived once more with a fresh salt and `costs` (one more Argon2id run, reported as
 * 'deriving-key'); a key derived beforehand (no passkey at hand) is used only when its
 * work factors reach `costs`.
 */
export async function safetyBackupKey(
  source: KeySource,
  costs: KdfCosts,
  controls: JobControls,
): Promise<ResolvedKey> {
  if ('passkey' in source) {
    const kdf: KdfParams = { ...defaultKdfParams(), ...costs };
    return resolveKey(source, kdf, controls);
  }
  if (cheaperThan(source.kdf, costs)) {
    throw new NoteVaultError(
      'VALIDATION',
      'The restore needs your passkey to protect the safety backup of your current notes, so nothing was ' +
        `changed (the key given costs opslimit ${source.kdf.opslimit}, memlimit ${source.kdf.memlimit}). ` +
        'Enter your passkey and try again.',
    );
  }
  return resolveKey(source, undefined, controls);
}

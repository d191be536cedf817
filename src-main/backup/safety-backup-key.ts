import { NoteVaultError } from '../../src-shared/errors';
import { DEFAULT_MEMLIMIT, DEFAULT_OPSLIMIT } from './format/format-constants';
import { defaultKdfParams } from './format/kdf';
import type { KdfParams } from './format/kdf';
import { passkeyPublic } from './write-keys';
import type { PasskeyForWriting, PasskeyPublic } from './write-keys';
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
 * The passkey slot of the before-restore safety backup: the user's current notes must never be
 * encrypted under the key, salt or work factors of the file being restored, which may come
 * from someone else (shared with its passkey) and cost nothing to attack. Normally the app's
 * own passkey public key and its kept settings (backup-keys.json): no Argon2id at all. A
 * passkey typed for it (no key kept yet) is derived once more with a fresh salt and `costs`
 * (reported as 'deriving-key'); a key derived beforehand is used only when its work factors
 * reach `costs`. Only public parts come back: no secret is held while the restore locks the database.
 */
export async function safetyBackupPasskey(
  source: PasskeyForWriting,
  costs: KdfCosts,
  controls: JobControls,
): Promise<PasskeyPublic> {
  if ('passkey' in source && source.kdf === undefined) {
    const kdf: KdfParams = { ...defaultKdfParams(), ...costs };
    return passkeyPublic({ ...source, kdf }, controls);
  }
  // backup-keys.json's own public key: its settings are the app's (a new passkey gets the
  // defaults), and whoever could change them could as well replace the key itself.
  if ('publicKey' in source && !('passkey' in source)) return passkeyPublic(source, controls);
  const kdf = source.kdf as KdfParams;
  if (cheaperThan(kdf, costs)) {
    throw new NoteVaultError(
      'VALIDATION',
      'The restore needs your passkey to protect the safety backup of your current notes, so nothing was ' +
        `changed (the key given costs opslimit ${kdf.opslimit}, memlimit ${kdf.memlimit}). ` +
        'Enter your passkey and try again.',
    );
  }
  return passkeyPublic(source, controls);
}

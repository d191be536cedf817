/**
 * The passkey way in as backup-keys.json keeps it: one salt and one set of Argon2id costs per
 * passkey (so one derivation opens every backup since), and the public key that new backups'
 * passkey slots are made for. Whoever types the passkey (turning on scheduled backups, a manual
 * backup) goes through here, so the rule "a typed passkey must be the one backups use" has one
 * source.
 */
import { NoteVaultError } from '../../../src-shared/errors';
import type { FileLayerOptions } from '../../fsx/retry';
import { defaultKdfParams, sameKdf } from '../format/kdf';
import { sameBytes } from '../format/same-bytes';
import type { KdfParams } from '../format/kdf';
import { passkeySecretKey, publicKeyOf } from '../format/v2/way-in-keys';
import type { BackupKeys } from './backup-keys-file';
import { updateBackupKeys } from './backup-keys-file';

/** The salt and costs to derive with: the kept ones, or fresh defaults when no passkey is kept yet. */
export function passkeyKdf(keys: BackupKeys): KdfParams {
  return keys.passkey?.kdf ?? defaultKdfParams();
}

/** X25519_base(BLAKE2b(Argon2id output)): the passkey's public key. The secret key is wiped here. */
export async function passkeyPublicKey(argon2idOutput: Uint8Array): Promise<Uint8Array> {
  const secretKey = await passkeySecretKey(argon2idOutput);
  try {
    return await publicKeyOf(secretKey);
  } finally {
    secretKey.fill(0);
  }
}

export function wrongPasskeyError(): NoteVaultError {
  return new NoteVaultError(
    'WRONG_PASSKEY',
    'That is not the passkey your backups use: enter that passkey, or change the passkey first in Settings.',
  );
}

/**
 * Checks a passkey's public key (derived with `kdf`, from passkeyKdf) against the kept one and
 * throws WRONG_PASSKEY when it differs; keeps it when none is kept yet. Returns the keys now in
 * the file.
 */
export function checkOrRememberPasskey(
  folder: string,
  kdf: KdfParams,
  publicKey: Uint8Array,
  layer: FileLayerOptions = {},
): Promise<BackupKeys> {
  return updateBackupKeys(
    folder,
    (keys) => {
      if (keys.passkey === null) return { ...keys, passkey: { kdf, publicKey } };
      // The kept salt changed since `kdf` was read (a passkey change in between): the derived
      // key cannot be compared, and whether this passkey is the new one is unknown.
      if (!sameKdf(keys.passkey.kdf, kdf)) {
        throw new NoteVaultError(
          'BUSY',
          'The passkey your backups use changed while it was being checked. Enter it again.',
        );
      }
      if (!sameBytes(keys.passkey.publicKey, publicKey)) throw wrongPasskeyError();
      return keys;
    },
    layer,
  );
}

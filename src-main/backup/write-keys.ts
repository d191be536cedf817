import { NoteVaultError } from '../../src-shared/errors';
import { assertKdfParamsWithinBounds, defaultKdfParams } from './format/kdf';
import type { KdfParams } from './format/kdf';
import type { Recipient } from './format/v2/slots';
import { assertPublicKey } from './format/v2/way-in-keys';
import { KEY_BYTES } from './format/format-constants';
import { sameBytes } from './format/same-bytes';
import { passkeyPublicKey, wrongPasskeyError } from './keys/passkey-keys';
import { resolveKey } from './passkey-or-key';
import type { JobControls } from './progress';

/**
 * How a new (v2) backup gets its passkey slot. A slot needs only the passkey's PUBLIC key and
 * its KDF settings (docs/backup-format.md section 13), so:
 * - `{ passkey, kdf?, publicKey? }`: the passkey typed now, stretched here (Argon2id in the job's
 *   worker) with the salt and costs kept in backup-keys.json (`kdf`; absent: fresh defaults, the
 *   first backup with this passkey). `publicKey` is the one kept there: a different passkey is
 *   refused, so every backup keeps opening with the one passkey the app knows.
 * - `{ key, kdf }`: Argon2id's output for `kdf`, derived beforehand (tests, the bench).
 * - `{ publicKey, kdf }`: the public half alone (scheduled and before-restore backups): no
 *   secret and no Argon2id.
 */
export type PasskeyForWriting =
  | { passkey: string; kdf?: KdfParams | undefined; publicKey?: Uint8Array | undefined }
  | { key: Uint8Array; kdf: KdfParams }
  | { publicKey: Uint8Array; kdf: KdfParams };

/** The passkey slot's public parts: what backup-keys.json keeps and every later backup reuses. */
export interface PasskeyPublic {
  kdf: KdfParams;
  publicKey: Uint8Array;
}

/** Public keys of the other ways in a new backup gets a slot for. */
export interface OtherWaysIn {
  /** The current recovery code's public key (backup-keys.json), when one exists. */
  recoveryCode?: Uint8Array | undefined;
  /** This installation's device public key: scheduled backups only. */
  device?: Uint8Array | undefined;
}

/**
 * The passkey slot's public key and settings for `source`; any secret made on the way (the
 * Argon2id output, the secret key) is wiped before this returns.
 */
export async function passkeyPublic(
  source: PasskeyForWriting,
  controls: JobControls = {},
): Promise<PasskeyPublic> {
  if ('passkey' in source) {
    const kdf = source.kdf ?? defaultKdfParams();
    const resolved = await resolveKey({ passkey: source.passkey }, kdf, controls);
    let publicKey: Uint8Array;
    try {
      publicKey = await passkeyPublicKey(resolved.key);
    } finally {
      resolved.key.fill(0);
    }
    if (source.publicKey !== undefined && !sameBytes(publicKey, source.publicKey)) throw wrongPasskeyError();
    return { kdf, publicKey };
  }
  assertKdfParamsWithinBounds(source.kdf);
  if ('key' in source) {
    if (source.key.length !== KEY_BYTES) {
      throw new NoteVaultError(
        'VALIDATION',
        `The backup key must be ${KEY_BYTES} bytes; got ${source.key.length}.`,
      );
    }
    return { kdf: source.kdf, publicKey: await passkeyPublicKey(source.key) };
  }
  assertPublicKey(source.publicKey, "The passkey's public key");
  return { kdf: source.kdf, publicKey: source.publicKey };
}

/** One recipient per way in, in kind order (section 14): passkey, recovery code, device key. */
export function recipientsFor(passkey: PasskeyPublic, others: OtherWaysIn = {}): Recipient[] {
  const recipients: Recipient[] = [{ kind: 'passkey', kdf: passkey.kdf, publicKey: passkey.publicKey }];
  if (others.recoveryCode !== undefined) {
    assertPublicKey(others.recoveryCode, "The recovery code's public key");
    recipients.push({ kind: 'recovery-code', publicKey: others.recoveryCode });
  }
  if (others.device !== undefined) {
    assertPublicKey(others.device, "This device's public key");
    recipients.push({ kind: 'device', publicKey: others.device });
  }
  return recipients;
}

/**
 * Section 17 steps 7-10: one secret (a passkey, a recovery code or a device key) gives a v2
 * backup's file key, or the reason it does not: not the secret this backup was made for
 * (matched by key id, before any unwrapping), or an altered slot or header (BACKUP_DAMAGED).
 */
import { NoteVaultError } from '../../../../src-shared/errors';
import type { ErrorCode } from '../../../../src-shared/errors';
import { assertKdfParamsWithinBounds, deriveKey } from '../kdf';
import type { KdfParams } from '../kdf';
import { loadSodium } from '../sodium';
import { verifyHeaderMac } from './header-v2';
import type { BackupHeaderV2 } from './header-v2';
import { unwrapSlot } from './slots';
import type { ParsedSlot } from './slots';
import { X25519_KEY_BYTES } from './v2-constants';
import { keyIdOf, passkeySecretKey, publicKeyOf, recoverySecretKey } from './way-in-keys';
import type { SlotKind } from './way-in-keys';

export type WayInSecret =
  | { kind: 'passkey'; passkey: string }
  | { kind: 'recovery-code'; code: Uint8Array }
  | { kind: 'device'; secretKey: Uint8Array };

/** Argon2id(passkey, slot salt and costs) -> 32 bytes; kdf.ts's deriveKey, or the worker in long-lived processes. */
export type DeriveArgon2id = (passkey: string, kdf: KdfParams) => Promise<Uint8Array>;

/** The code and sentences for "this secret does not open this backup", per way in. */
const REFUSALS: Record<SlotKind, { code: ErrorCode; noSlot: string; otherKey: string }> = {
  passkey: {
    code: 'WRONG_PASSKEY',
    noSlot: 'This backup cannot be opened with a passkey: use its recovery code instead.',
    otherKey: 'That passkey does not open this backup: check it (capital letters count) and try again.',
  },
  'recovery-code': {
    code: 'WRONG_RECOVERY_CODE',
    noSlot: 'This backup was made before the recovery code existed: open it with its passkey instead.',
    otherKey:
      'That recovery code does not open this backup (it may be older or newer than the code): use its passkey instead.',
  },
  device: {
    code: 'KEY_MISMATCH',
    noSlot:
      "This backup has no slot for this device's key: open it with its passkey or recovery code instead.",
    otherKey:
      "This device's key does not open this backup (another installation made it): open it with its passkey or recovery code instead.",
  },
};

function refused(
  kind: SlotKind,
  which: 'noSlot' | 'otherKey',
  fileLabel: string,
  slot?: ParsedSlot,
): NoteVaultError {
  const { code } = REFUSALS[kind];
  const details =
    slot === undefined
      ? `${fileLabel} has no ${kind} key slot.`
      : `${fileLabel}: the key id of the ${kind} slot at byte offset ${slot.offset} differs from the given secret's.`;
  return new NoteVaultError(code, REFUSALS[kind][which], { details });
}

/** sk for `secret`; derivations only after the slot's costs passed their bounds. Wiped by the caller unless it is the caller's own. */
async function secretKeyFor(
  secret: WayInSecret,
  slot: ParsedSlot,
  fileLabel: string,
  derive: DeriveArgon2id,
): Promise<Uint8Array> {
  switch (secret.kind) {
    case 'passkey': {
      if (slot.kdf === undefined)
        throw new NoteVaultError('INTERNAL', 'A passkey slot was parsed without its KDF fields.');
      assertKdfParamsWithinBounds(slot.kdf, fileLabel);
      const argon2idOutput = await derive(secret.passkey, slot.kdf);
      try {
        return await passkeySecretKey(argon2idOutput);
      } finally {
        argon2idOutput.fill(0);
      }
    }
    case 'recovery-code':
      return recoverySecretKey(secret.code);
    case 'device':
      if (secret.secretKey.length !== X25519_KEY_BYTES) {
        throw new NoteVaultError(
          'INTERNAL',
          `A device key is ${X25519_KEY_BYTES} bytes; this one is ${secret.secretKey.length}.`,
        );
      }
      return secret.secretKey;
  }
}

/** The file key of `header` for `secret`, with the header MAC checked. The caller wipes it after use. */
export async function unlockFileKey(
  header: BackupHeaderV2,
  secret: WayInSecret,
  fileLabel: string,
  derive: DeriveArgon2id = deriveKey,
): Promise<Uint8Array> {
  const slot = header.slots.find((candidate) => candidate.kind === secret.kind);
  if (slot === undefined) throw refused(secret.kind, 'noSlot', fileLabel);

  const sodium = await loadSodium();
  const secretKey = await secretKeyFor(secret, slot, fileLabel, derive);
  let fileKey: Uint8Array | undefined;
  try {
    const publicKey = await publicKeyOf(secretKey);
    const keyId = await keyIdOf(publicKey);
    if (!sodium.memcmp(keyId, slot.keyId)) throw refused(secret.kind, 'otherKey', fileLabel, slot);
    fileKey = await unwrapSlot(slot, secretKey, fileLabel, publicKey);
    await verifyHeaderMac(header, fileKey, fileLabel);
    return fileKey;
  } catch (error) {
    fileKey?.fill(0);
    throw error;
  } finally {
    // A device key is the caller's own; the others were derived here.
    if (secret.kind !== 'device') secretKey.fill(0);
  }
}

import { RECOVERY_CODE_BYTES, formatRecoveryCode } from '../../../src-shared/recovery-code';
import { keyIdOf, publicKeyOf, recoverySecretKey } from '../format/v2/way-in-keys';

/**
 * The recovery code's key pair (docs/backup-format.md sections 13 and 19). Only `publicKey`
 * is ever kept (backup-keys.json), to add a recovery-code slot to new backups; `keyId` names
 * the code in a backup's slot, so NoteVault can tell which backups an old code still opens.
 */
export interface RecoveryCodeKeys {
  /** Opens the slots made for this code: wipe it (fill(0)) once used. */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  keyId: Uint8Array;
}

/** The key pair and key id of a code's 20 bytes (as parseRecoveryCode gives them). */
export async function recoveryCodeKeys(codeBytes: Uint8Array): Promise<RecoveryCodeKeys> {
  const secretKey = await recoverySecretKey(codeBytes);
  const publicKey = await publicKeyOf(secretKey);
  return { secretKey, publicKey, keyId: await keyIdOf(publicKey) };
}

/** A new code as shown to the person, and the public half NoteVault may keep. */
export interface NewRecoveryCode {
  /** The code as 8 groups of 5 (section 19): shown once, never stored. */
  text: string;
  publicKey: Uint8Array;
  keyId: Uint8Array;
}

/**
 * 160 bits from the operating system's cryptographic source (crypto.getRandomValues is
 * Node's CSPRNG here). The code's bytes and secret key are wiped before returning: only the
 * text leaves, and a JavaScript string cannot be wiped, so it must not be kept either.
 */
export async function newRecoveryCode(): Promise<NewRecoveryCode> {
  const bytes = crypto.getRandomValues(new Uint8Array(RECOVERY_CODE_BYTES));
  try {
    const { secretKey, publicKey, keyId } = await recoveryCodeKeys(bytes);
    secretKey.fill(0);
    return { text: formatRecoveryCode(bytes), publicKey, keyId };
  } finally {
    bytes.fill(0);
  }
}

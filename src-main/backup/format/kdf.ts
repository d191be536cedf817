import { NoteVaultError } from '../../../src-shared/errors';
import {
  DEFAULT_MEMLIMIT,
  DEFAULT_OPSLIMIT,
  KDF_ALG_ARGON2ID13,
  KEY_BYTES,
  MEMLIMIT_CAP,
  MEMLIMIT_MIN,
  OPSLIMIT_CAP,
  OPSLIMIT_MIN,
  SALT_BYTES,
} from './format-constants';
import { sameBytes } from './same-bytes';
import { loadSodium } from './sodium';

/** How a backup's key is derived from its passkey; stored in the cleartext header. */
export interface KdfParams {
  /** crypto_pwhash algorithm id; format v1 only knows Argon2id v1.3 (2). */
  algorithm: number;
  /** Argon2id passes (crypto_pwhash opslimit). */
  opslimit: number;
  /** Argon2id memory in bytes (crypto_pwhash memlimit). */
  memlimit: number;
  /** crypto_pwhash_SALTBYTES random bytes, fresh for every backup. */
  salt: Uint8Array;
}

/** Parameters for a new backup: MODERATE work factors and a fresh random salt. */
export function defaultKdfParams(): KdfParams {
  return {
    algorithm: KDF_ALG_ARGON2ID13,
    opslimit: DEFAULT_OPSLIMIT,
    memlimit: DEFAULT_MEMLIMIT,
    salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)),
  };
}

/**
 * Must pass before any derivation: the parameters may come from a file anyone could have
 * written. `fileLabel` names that file; without it the parameters came from our own caller.
 * Too-large work factors are "unsupported" (a legitimate writer with other limits could
 * produce them); values no valid writer can produce are "damaged" in a file and
 * "validation" errors from a caller.
 */
export function assertKdfParamsWithinBounds(params: KdfParams, fileLabel?: string): void {
  const where = fileLabel === undefined ? 'The key-derivation settings' : `The backup ${fileLabel}`;
  const invalid = (detail: string): NoteVaultError =>
    fileLabel === undefined
      ? new NoteVaultError('VALIDATION', `${where} are invalid: ${detail}.`)
      : new NoteVaultError('BACKUP_DAMAGED', `${where} has an invalid header: ${detail}.`);

  if (params.algorithm !== KDF_ALG_ARGON2ID13) {
    throw new NoteVaultError(
      'BACKUP_UNSUPPORTED',
      `${fileLabel === undefined ? 'The key-derivation settings use' : `${where} uses`} key-derivation algorithm ` +
        `id ${params.algorithm}; this NoteVault supports only Argon2id (id ${KDF_ALG_ARGON2ID13}).`,
    );
  }
  // Caps before minimums: a huge value must read as "too large", not as "not an integer".
  if (params.opslimit > OPSLIMIT_CAP) {
    throw new NoteVaultError(
      'BACKUP_UNSUPPORTED',
      `${where} asks for ${params.opslimit} Argon2id passes (opslimit); NoteVault accepts at most ${OPSLIMIT_CAP}.`,
    );
  }
  if (params.memlimit > MEMLIMIT_CAP) {
    throw new NoteVaultError(
      'BACKUP_UNSUPPORTED',
      `${where} asks for ${params.memlimit} bytes of Argon2id memory (memlimit); ` +
        `NoteVault accepts at most ${MEMLIMIT_CAP} bytes (1 GiB).`,
    );
  }
  if (!Number.isSafeInteger(params.opslimit) || params.opslimit < OPSLIMIT_MIN) {
    throw invalid(`opslimit ${params.opslimit} is not a whole number of at least ${OPSLIMIT_MIN}`);
  }
  if (!Number.isSafeInteger(params.memlimit) || params.memlimit < MEMLIMIT_MIN) {
    throw invalid(`memlimit ${params.memlimit} is not a whole number of bytes of at least ${MEMLIMIT_MIN}`);
  }
  if (params.salt.length !== SALT_BYTES) {
    throw invalid(`the salt is ${params.salt.length} bytes, expected ${SALT_BYTES}`);
  }
}

/**
 * The passkey's bytes: UTF-8 of its Unicode NFC form, so the same passkey typed on macOS
 * (which tends to produce decomposed accents) and on Windows derives the same key.
 */
export function passkeyBytes(passkey: string): Uint8Array {
  return new TextEncoder().encode(passkey.normalize('NFC'));
}

/**
 * Argon2id(passkey, salt) -> 32-byte secretstream key. Takes seconds and grows the
 * WebAssembly heap to `memlimit`, which never shrinks again: run it through
 * `deriveKeyInWorker` in long-lived processes.
 */
export async function deriveKey(passkey: string, params: KdfParams): Promise<Uint8Array> {
  if (passkey.length === 0) {
    throw new NoteVaultError('VALIDATION', 'The passkey is empty. Enter the passkey for this backup.');
  }
  assertKdfParamsWithinBounds(params);
  const sodium = await loadSodium();
  const password = passkeyBytes(passkey);
  try {
    return sodium.crypto_pwhash(
      KEY_BYTES,
      password,
      params.salt,
      params.opslimit,
      params.memlimit,
      params.algorithm,
    );
  } catch (cause) {
    throw new NoteVaultError(
      'INTERNAL',
      `Deriving the backup key failed (Argon2id with ${params.memlimit} bytes of memory): ${String(cause)}`,
      { cause },
    );
  } finally {
    sodium.memzero(password);
  }
}

/** Whether two KDF settings derive the same key from the same passkey (algorithm, costs and salt). */
export function sameKdf(a: KdfParams, b: KdfParams): boolean {
  return (
    a.algorithm === b.algorithm &&
    a.opslimit === b.opslimit &&
    a.memlimit === b.memlimit &&
    sameBytes(a.salt, b.salt)
  );
}

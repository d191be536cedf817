/**
 * The keys of format version 2 (docs/backup-format.md section 13): what each way in's secret
 * key is, its public key and key id, and the two keys derived from a backup's file key.
 * All are BLAKE2b or X25519 over 32-byte values: fast, so they may run on any thread.
 */
import { NoteVaultError } from '../../../../src-shared/errors';
import { KEY_BYTES } from '../format-constants';
import { loadSodium } from '../sodium';
import { CONTEXT, FILE_KEY_BYTES, KEY_ID_BYTES, RECOVERY_CODE_BYTES, X25519_KEY_BYTES } from './v2-constants';

/** The ways into a v2 backup, one slot each. */
export type SlotKind = 'passkey' | 'recovery-code' | 'device';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** BLAKE2b-(8 x outBytes)(key, msg): section 13's notation, so each formula reads as documented. */
async function blake2b(outBytes: number, key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return sodium.crypto_generichash(outBytes, message, key);
}

function assertLength(value: Uint8Array, expected: number, what: string): void {
  if (value.length !== expected) {
    throw new NoteVaultError('INTERNAL', `${what} is ${value.length} bytes; expected ${expected}.`);
  }
}

/** A public key handed in from outside (backup-keys.json, a caller): VALIDATION when not 32 bytes. */
export function assertPublicKey(publicKey: Uint8Array, what: string): void {
  if (publicKey.length !== X25519_KEY_BYTES) {
    throw new NoteVaultError(
      'VALIDATION',
      `${what} is ${publicKey.length} bytes; a public key is ${X25519_KEY_BYTES}.`,
    );
  }
}

/** sk of the passkey way in, from Argon2id(passkey, slot salt and costs). */
export async function passkeySecretKey(argon2idOutput: Uint8Array): Promise<Uint8Array> {
  assertLength(argon2idOutput, KEY_BYTES, 'The Argon2id output');
  return blake2b(X25519_KEY_BYTES, argon2idOutput, ascii(CONTEXT.passkey));
}

/** sk of the recovery-code way in, from the code's 20 bytes: no Argon2id (160 random bits need none). */
export async function recoverySecretKey(codeBytes: Uint8Array): Promise<Uint8Array> {
  if (codeBytes.length !== RECOVERY_CODE_BYTES) {
    throw new NoteVaultError(
      'VALIDATION',
      `A recovery code holds ${RECOVERY_CODE_BYTES} bytes; this one holds ${codeBytes.length}. Type the whole code.`,
    );
  }
  return blake2b(X25519_KEY_BYTES, codeBytes, ascii(CONTEXT.recoveryCode));
}

export async function publicKeyOf(secretKey: Uint8Array): Promise<Uint8Array> {
  assertLength(secretKey, X25519_KEY_BYTES, 'The secret key');
  const sodium = await loadSodium();
  return sodium.crypto_scalarmult_base(secretKey);
}

/** Names a way in inside a backup without revealing its public key (which would let anyone add slots). */
export async function keyIdOf(publicKey: Uint8Array): Promise<Uint8Array> {
  assertLength(publicKey, X25519_KEY_BYTES, 'The public key');
  return blake2b(KEY_ID_BYTES, ascii(CONTEXT.keyId), publicKey);
}

/** streamKey encrypts the payload, headerKey MACs the header; both wiped by the caller after use. */
export async function fileSubkeys(
  fileKey: Uint8Array,
): Promise<{ streamKey: Uint8Array; headerKey: Uint8Array }> {
  assertLength(fileKey, FILE_KEY_BYTES, 'The file key');
  return {
    streamKey: await blake2b(KEY_BYTES, fileKey, ascii(CONTEXT.streamKey)),
    headerKey: await blake2b(KEY_BYTES, fileKey, ascii(CONTEXT.headerKey)),
  };
}

/** A fresh file key from the operating system's cryptographic source. */
export function newFileKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(FILE_KEY_BYTES));
}

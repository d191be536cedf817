/**
 * What a scheduled run trusts of backup-keys.json. A scheduled backup takes its passkey and
 * recovery-code slots from that file's public keys with nobody there to notice, so whoever can
 * write the data folder could otherwise give every later scheduled backup a slot for THEIR key.
 * The hash of the public keys is sealed with the device key when scheduled backups are turned on
 * (and follows every change NoteVault itself makes); a scheduled run refuses keys that no longer
 * match it.
 */
import { loadSodium } from '../backup/format/sodium';
import type { BackupKeys } from '../backup/keys/backup-keys-file';

export const BACKUP_KEYS_HASH_BYTES = 32;
/** BLAKE2b's key, to keep this hash apart from every other BLAKE2b in NoteVault (16-64 bytes). */
const DOMAIN = new TextEncoder().encode('NoteVault scheduled backup keys v1');

/**
 * BLAKE2b-256 of the passkey's public key, salt and costs and the recovery code's public key
 * (or none). Each field has a fixed length or a length prefix, so two key sets never encode alike.
 * The recovery code's creation time is left out: it decides no slot.
 */
export async function backupKeysHash(keys: BackupKeys): Promise<Uint8Array> {
  const parts: number[] = [];
  const u = (value: number | bigint, bytes: number): void => {
    let rest = BigInt(value);
    for (let i = 0; i < bytes; i++, rest >>= 8n) parts.push(Number(rest & 0xffn));
  };
  const field = (bytes: Uint8Array): void => {
    u(bytes.length, 2);
    parts.push(...bytes);
  };
  const { passkey, recoveryCode } = keys;
  parts.push(passkey === null ? 0 : 1);
  if (passkey !== null) {
    field(passkey.publicKey);
    u(passkey.kdf.algorithm, 2);
    u(passkey.kdf.opslimit, 4);
    u(passkey.kdf.memlimit, 8);
    field(passkey.kdf.salt);
  }
  parts.push(recoveryCode === null ? 0 : 1);
  if (recoveryCode !== null) field(recoveryCode.publicKey);
  const sodium = await loadSodium();
  return sodium.crypto_generichash(BACKUP_KEYS_HASH_BYTES, Uint8Array.from(parts), DOMAIN);
}

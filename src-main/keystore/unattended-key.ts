/**
 * Turning unattended (scheduled) backups on and off.
 *
 * On: the renderer asks for the passkey once; here the key is derived with fresh KDF parameters
 * (a new salt) and sealed together with them. Every scheduled backup then uses that key and
 * writes those parameters into its header, so it opens with the same passkey as any other
 * backup; Argon2id never runs unattended. The keychain is checked first: without one, nothing
 * is derived and nothing is stored (throws the keychain error).
 * Off: the sealed record is deleted.
 *
 * `deriveKeyFn` is injected because in the app it must be deriveKeyInWorker: Argon2id grows the
 * WebAssembly heap to 256 MiB and that memory would stay with the main process forever.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { defaultKdfParams } from '../backup/format/kdf';
import type { KdfParams } from '../backup/format/kdf';
import { keychainUnavailableError } from './file-sealed-key-store';
import type { SealedKeyRecord, SealedKeyStore } from './sealed-key-store';

export type DeriveKeyFn = (passkey: string, params: KdfParams) => Promise<Uint8Array>;

export async function enableUnattendedBackups(
  passkey: string,
  store: SealedKeyStore,
  deriveKeyFn: DeriveKeyFn,
  kdf: KdfParams = defaultKdfParams(),
): Promise<void> {
  if (passkey.length === 0) {
    throw new NoteVaultError(
      'VALIDATION',
      'Enter the passkey your backups use to turn on scheduled backups.',
    );
  }
  const availability = await store.availability();
  if (!availability.available) throw keychainUnavailableError(store.keychainName, availability.reason);
  const key = await deriveKeyFn(passkey, kdf);
  try {
    await store.save({ key, kdf });
  } finally {
    key.fill(0);
  }
}

export async function forgetUnattendedKey(store: SealedKeyStore): Promise<void> {
  await store.forget();
}

/**
 * The KeySource for a scheduled backup (`{ key, kdf }` from backup/passkey-or-key.ts), or null
 * when scheduled backups were never enabled (or were turned off). Throws when a key is saved
 * but the keychain cannot unseal it; the scheduler reports that as a failed run.
 */
export async function loadUnattendedKeySource(store: SealedKeyStore): Promise<SealedKeyRecord | null> {
  return store.load();
}

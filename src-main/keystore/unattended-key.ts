/**
 * Turning unattended (scheduled) backups on and off, and the keys a scheduled run uses.
 *
 * On (enableDeviceKey): the renderer asks for the passkey once. Here it is derived with the salt
 * and costs backup-keys.json keeps (fresh defaults when none are kept, and then its public key is
 * kept), only to check that it is the passkey the backups use; then a fresh DEVICE key is sealed.
 * Scheduled backups get a passkey slot (and a recovery-code slot) from the kept public keys and a
 * device slot for the device key, so nothing in the keychain opens any backup but scheduled ones
 * made here, and Argon2id never runs unattended. The keychain is checked first: without one,
 * nothing is derived and nothing is stored (throws the keychain error). The hash of the public
 * keys is sealed with the device key, so a scheduled run refuses keys changed outside NoteVault
 * (backup-keys-hash.ts).
 * Off: the sealed device key is deleted. backup-keys.json stays: the passkey and the recovery
 * code open every backup, scheduled ones included.
 *
 * `deriveKeyFn` is injected because in the app it must be deriveKeyInWorker: Argon2id grows the
 * WebAssembly heap to 256 MiB and that memory would stay with the main process forever.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { backupKeysPath, readBackupKeys, updateBackupKeys } from '../backup/keys/backup-keys-file';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import { checkOrRememberPasskey, passkeyKdf, passkeyPublicKey } from '../backup/keys/passkey-keys';
import { defaultKdfParams } from '../backup/format/kdf';
import type { KdfParams } from '../backup/format/kdf';
import { publicKeyOf } from '../backup/format/v2/way-in-keys';
import { sameBytes } from '../backup/format/same-bytes';
import { backupKeysHash } from './backup-keys-hash';
import { keychainUnavailableError } from './file-sealed-key-store';
import { DEVICE_SECRET_KEY_BYTES } from './sealed-key-store';
import type { PasskeyKeyRecord, SealedKeyStore } from './sealed-key-store';

/** Argon2id: (passkey, salt and costs) -> its 32-byte output (kdf.ts deriveKey). */
export type DeriveKeyFn = (passkey: string, params: KdfParams) => Promise<Uint8Array>;

/** What a scheduled run needs: public keys to write with, the device's secret key to read its own backups. */
export interface UnattendedKeys {
  /** This installation's device key. The caller wipes it (fill(0)) when done. */
  deviceSecretKey: Uint8Array;
  /** X25519_base(deviceSecretKey): the device slot's recipient. */
  devicePublicKey: Uint8Array;
  /** The passkey slot's recipient, as backup-keys.json keeps it. */
  passkey: { kdf: KdfParams; publicKey: Uint8Array };
  /** The current recovery code's public key, when one exists. */
  recoveryCode: Uint8Array | undefined;
}

/**
 * Checks the passkey against backup-keys.json (keeping its public key when none is kept), then
 * seals a fresh device key. Throws WRONG_PASSKEY for a passkey other than the one backups use.
 * `folder` is the notes database's folder; `freshKdf` the settings for a first passkey.
 */
export async function enableDeviceKey(
  passkey: string,
  store: SealedKeyStore,
  deriveKeyFn: DeriveKeyFn,
  folder: string,
  freshKdf: KdfParams = defaultKdfParams(),
): Promise<void> {
  return serially(store, () => enable(passkey, store, deriveKeyFn, folder, freshKdf));
}

async function enable(
  passkey: string,
  store: SealedKeyStore,
  deriveKeyFn: DeriveKeyFn,
  folder: string,
  freshKdf: KdfParams,
): Promise<void> {
  if (passkey.length === 0) {
    throw new NoteVaultError(
      'VALIDATION',
      'Enter the passkey your backups use to turn on scheduled backups.',
    );
  }
  const availability = await store.availability();
  if (!availability.available) throw keychainUnavailableError(store.keychainName, availability.reason);
  const keys = await readBackupKeys(folder);
  const kdf = keys.passkey === null ? freshKdf : passkeyKdf(keys);
  const output = await deriveKeyFn(passkey, kdf);
  let publicKey: Uint8Array;
  try {
    publicKey = await passkeyPublicKey(output);
  } finally {
    output.fill(0);
  }
  const kept = await checkOrRememberPasskey(folder, kdf, publicKey);
  // The passkey was just checked against these keys: from now on scheduled runs trust only them.
  (await sealFreshDeviceKey(store, await backupKeysHash(kept))).fill(0);
}

/**
 * After NoteVault itself changed backup-keys.json from `before` to `after` (a recovery code made
 * or revoked, a passkey change): the sealed record follows, so scheduled runs keep working. Only
 * when it trusted `before`: keys already changed outside NoteVault stay refused. Nothing to do
 * while scheduled backups are off.
 */
export async function followBackupKeysChange(
  store: SealedKeyStore,
  before: BackupKeys,
  after: BackupKeys,
): Promise<void> {
  return serially(store, async () => {
    const record = await store.load();
    if (record === null || record.version !== 2) return;
    const trusted = record.backupKeysHash;
    if (trusted !== undefined && !sameBytes(trusted, await backupKeysHash(before))) return;
    await store.save({ ...record, backupKeysHash: await backupKeysHash(after) });
  });
}

export function forgetUnattendedKey(store: SealedKeyStore): Promise<void> {
  return serially(store, () => store.forget());
}

/**
 * Every load-then-save of the sealed record in this process runs one at a time: a record read
 * before schedules were turned off must not be saved again after (it would bring the device key
 * back), nor an old device key over the one just sealed.
 */
const queues = new WeakMap<SealedKeyStore, Promise<unknown>>();
function serially<T>(store: SealedKeyStore, work: () => Promise<T>): Promise<T> {
  const result = (queues.get(store) ?? Promise.resolve()).then(work, work);
  queues.set(
    store,
    result.catch(() => undefined),
  );
  return result;
}

/**
 * The keys for a scheduled run, or null when scheduled backups were never turned on (or were
 * turned off). A version-1 record (the passkey's Argon2id output, kept before format v2) is
 * converted here, once: its passkey public key goes into backup-keys.json when none is kept
 * there, a fresh device key is sealed in its place, and the old key is wiped. Throws when a key
 * is saved but the keychain cannot unseal it, or when backup-keys.json holds no passkey; the
 * scheduler reports either as a failed run to fix in Settings.
 */
export function loadUnattendedKeys(store: SealedKeyStore, folder: string): Promise<UnattendedKeys | null> {
  return serially(store, () => load(store, folder));
}

async function load(store: SealedKeyStore, folder: string): Promise<UnattendedKeys | null> {
  const record = await store.load();
  if (record === null) return null;
  let deviceSecretKey: Uint8Array;
  let keys: BackupKeys;
  if (record.version === 1) {
    ({ keys, deviceSecretKey } = await convertVersion1(record, store, folder));
  } else {
    deviceSecretKey = record.deviceSecretKey;
    keys = await readBackupKeys(folder);
  }
  if (keys.passkey === null) {
    deviceSecretKey.fill(0);
    throw new NoteVaultError(
      'VALIDATION',
      "Scheduled backups do not know your passkey's key: turn scheduled backups off and on again " +
        'in Settings and enter your passkey.',
    );
  }
  const hash = await backupKeysHash(keys);
  if (record.version === 2 && record.backupKeysHash === undefined) {
    // Sealed before the hash existed: these keys are the ones trusted from now on.
    await store.save({ ...record, backupKeysHash: hash });
  } else if (record.version === 2 && !sameBytes(record.backupKeysHash!, hash)) {
    deviceSecretKey.fill(0);
    throw new NoteVaultError(
      'VALIDATION',
      'The keys for scheduled backups changed outside NoteVault: turn scheduled backups off and on ' +
        'again in Settings and enter your passkey.',
      {
        details:
          `${backupKeysPath(folder)} no longer holds the passkey and recovery-code public keys it held ` +
          'when scheduled backups were turned on, or when NoteVault last changed them.',
      },
    );
  }
  return {
    deviceSecretKey,
    devicePublicKey: await publicKeyOf(deviceSecretKey),
    passkey: keys.passkey,
    recoveryCode: keys.recoveryCode?.publicKey,
  };
}

async function convertVersion1(
  record: PasskeyKeyRecord,
  store: SealedKeyStore,
  folder: string,
): Promise<{ keys: BackupKeys; deviceSecretKey: Uint8Array }> {
  try {
    const publicKey = await passkeyPublicKey(record.key);
    // A passkey already kept wins: it is what the person last typed (the old record may be older).
    const keys = await updateBackupKeys(folder, (current) =>
      current.passkey === null ? { ...current, passkey: { kdf: record.kdf, publicKey } } : current,
    );
    // Replaces the version-1 record: from here on the keychain holds no passkey-derived key.
    return { keys, deviceSecretKey: await sealFreshDeviceKey(store, await backupKeysHash(keys)) };
  } finally {
    record.key.fill(0);
  }
}

/** Seals 32 fresh random bytes as this installation's device key; the caller wipes the copy returned. */
async function sealFreshDeviceKey(store: SealedKeyStore, backupKeysHash: Uint8Array): Promise<Uint8Array> {
  const deviceSecretKey = crypto.getRandomValues(new Uint8Array(DEVICE_SECRET_KEY_BYTES));
  try {
    await store.save({ version: 2, deviceSecretKey, backupKeysHash });
  } catch (error) {
    deviceSecretKey.fill(0);
    throw error;
  }
  return deviceSecretKey;
}

/**
 * Keeping a key for unattended (scheduled) backups.
 *
 * A scheduled backup runs when nobody is there to type the passkey. It is kept only sealed by the
 * operating system's keychain (Electron safeStorage: Keychain on macOS, DPAPI on Windows, the
 * Secret Service on Linux), never in clear: where no real keychain exists, scheduled backups are
 * refused instead.
 *
 * Two record versions:
 * - version 2, the DEVICE KEY: 32 random bytes belonging to this installation. Scheduled v2
 *   backups carry a device slot for its public key (docs/backup-format.md section 13) next to the
 *   passkey and recovery-code slots made from backup-keys.json's public keys, so the keychain
 *   holds nothing that opens any other backup.
 * - version 1 (before format v2): the passkey's Argon2id output and the KDF parameters it was
 *   derived with. Whoever could unseal it opened every backup made with that salt. It is only
 *   read now, to be converted (unattended-key.ts loadUnattendedKeys).
 *
 * All methods are asynchronous because Electron 45 deprecates the synchronous safeStorage calls
 * (removed in Electron 46) in favour of isAsyncEncryptionAvailable/encryptStringAsync/
 * decryptStringAsync.
 */
import { z } from 'zod';
import type { ErrorCode } from '../../src-shared/errors';
import { NoteVaultError } from '../../src-shared/errors';
import { KEY_BYTES } from '../backup/format/format-constants';
import { assertKdfParamsWithinBounds } from '../backup/format/kdf';
import type { KdfParams } from '../backup/format/kdf';
import { BACKUP_KEYS_HASH_BYTES } from './backup-keys-hash';

/** Version 1: the passkey's Argon2id output (the v1 backup key) and its KDF parameters. */
export interface PasskeyKeyRecord {
  version: 1;
  key: Uint8Array;
  kdf: KdfParams;
}

/** Version 2: this installation's device key (an X25519 secret key). */
export interface DeviceKeyRecord {
  version: 2;
  deviceSecretKey: Uint8Array;
  /**
   * backup-keys-hash.ts's hash of the backup-keys.json a scheduled run may write with. Missing
   * in a record sealed before it existed: the first scheduled run then records it.
   */
  backupKeysHash?: Uint8Array;
}

export type SealedKeyRecord = PasskeyKeyRecord | DeviceKeyRecord;

/** The device key is an X25519 secret key: 32 random bytes. */
export const DEVICE_SECRET_KEY_BYTES = 32;

export type KeychainAvailability = { available: true } | { available: false; reason: string };

export interface SealedKeyStore {
  /** The keychain this store seals with, named for a person ("the macOS Keychain"). */
  readonly keychainName: string;
  availability(): Promise<KeychainAvailability>;
  /** Only a device key: a passkey-derived key is never sealed again (version 1 is only read, to convert it). */
  save(record: DeviceKeyRecord): Promise<void>;
  /** The saved record, or null when none is saved. Throws when one is saved but cannot be unsealed. */
  load(): Promise<SealedKeyRecord | null>;
  /** Removes the saved record; nothing saved is not an error. */
  forget(): Promise<void>;
}

/**
 * The errors of this module use one code. ERROR_CODES has no keychain-specific code yet; IO is
 * the nearest ("the system could not do it"), and the message says exactly what happened.
 */
export const KEYCHAIN_ERROR_CODE: ErrorCode = 'IO';

/** What seals and unseals text with the OS keychain (safeStorage), or with a test secret. */
export interface Sealer {
  readonly keychainName: string;
  availability(): Promise<KeychainAvailability>;
  seal(plainText: string): Promise<Uint8Array>;
  /** `shouldReseal`: the keychain rotated its key; sealing again keeps the record readable. */
  unseal(sealed: Uint8Array): Promise<{ plainText: string; shouldReseal: boolean }>;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const recordJson = z.discriminatedUnion('version', [
  z.strictObject({
    version: z.literal(1),
    key: base64,
    kdf: z.strictObject({
      algorithm: z.number().int(),
      opslimit: z.number().int(),
      memlimit: z.number().int(),
      salt: base64,
    }),
  }),
  z.strictObject({ version: z.literal(2), deviceSecretKey: base64, backupKeysHash: base64.optional() }),
]);

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** The text that gets sealed. Only ever handed to the sealer, never written anywhere in clear. */
export function encodeKeyRecord(record: DeviceKeyRecord): string {
  checkRecord(record, 'The key to save');
  return JSON.stringify({
    version: 2,
    deviceSecretKey: toBase64(record.deviceSecretKey),
    ...(record.backupKeysHash === undefined ? {} : { backupKeysHash: toBase64(record.backupKeysHash) }),
  });
}

export function decodeKeyRecord(text: string, fileLabel: string): SealedKeyRecord {
  let parsed: z.infer<typeof recordJson>;
  try {
    parsed = recordJson.parse(JSON.parse(text));
  } catch {
    throw new NoteVaultError(
      KEYCHAIN_ERROR_CODE,
      `The saved key for scheduled backups in "${fileLabel}" is damaged. ` +
        'Turn scheduled backups off and on again and enter your passkey.',
    );
  }
  const record: SealedKeyRecord =
    parsed.version === 2
      ? {
          version: 2,
          deviceSecretKey: fromBase64(parsed.deviceSecretKey),
          ...(parsed.backupKeysHash === undefined
            ? {}
            : { backupKeysHash: fromBase64(parsed.backupKeysHash) }),
        }
      : {
          version: 1,
          key: fromBase64(parsed.key),
          kdf: { ...parsed.kdf, salt: fromBase64(parsed.kdf.salt) },
        };
  checkRecord(record, `The saved key for scheduled backups in "${fileLabel}"`);
  return record;
}

function checkRecord(record: SealedKeyRecord, what: string): void {
  if (record.version === 2) {
    if (record.deviceSecretKey.length !== DEVICE_SECRET_KEY_BYTES) {
      throw new NoteVaultError(
        'VALIDATION',
        `${what} is ${record.deviceSecretKey.length} bytes; a device key is ${DEVICE_SECRET_KEY_BYTES}.`,
      );
    }
    if (record.backupKeysHash !== undefined && record.backupKeysHash.length !== BACKUP_KEYS_HASH_BYTES) {
      throw new NoteVaultError(
        'VALIDATION',
        `${what} has a hash of the backup keys of ${record.backupKeysHash.length} bytes; it is ${BACKUP_KEYS_HASH_BYTES}.`,
      );
    }
    return;
  }
  if (record.key.length !== KEY_BYTES) {
    throw new NoteVaultError(
      'VALIDATION',
      `${what} is ${record.key.length} bytes; a backup key is ${KEY_BYTES}.`,
    );
  }
  assertKdfParamsWithinBounds(record.kdf);
}

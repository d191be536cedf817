/**
 * Keeping the backup key for unattended (scheduled) backups.
 *
 * A scheduled backup runs when nobody is there to type the passkey, so the key derived from it
 * must be kept. It is kept only sealed by the operating system's keychain (Electron safeStorage:
 * Keychain on macOS, DPAPI on Windows, the Secret Service on Linux), never in clear: where no
 * real keychain exists, scheduled backups are refused instead. The record holds the key and
 * the KDF parameters (with the salt) it was derived with, so every scheduled backup writes
 * those parameters into its header and decrypts with the passkey like any other backup.
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

export interface SealedKeyRecord {
  key: Uint8Array;
  kdf: KdfParams;
}

export type KeychainAvailability = { available: true } | { available: false; reason: string };

export interface SealedKeyStore {
  /** The keychain this store seals with, named for a person ("the macOS Keychain"). */
  readonly keychainName: string;
  availability(): Promise<KeychainAvailability>;
  save(record: SealedKeyRecord): Promise<void>;
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
const recordJson = z.strictObject({
  version: z.literal(1),
  key: base64,
  kdf: z.strictObject({
    algorithm: z.number().int(),
    opslimit: z.number().int(),
    memlimit: z.number().int(),
    salt: base64,
  }),
});

/** The text that gets sealed. Only ever handed to the sealer, never written anywhere in clear. */
export function encodeKeyRecord(record: SealedKeyRecord): string {
  checkRecord(record, 'The key to save');
  const { algorithm, opslimit, memlimit, salt } = record.kdf;
  return JSON.stringify({
    version: 1,
    key: Buffer.from(record.key).toString('base64'),
    kdf: { algorithm, opslimit, memlimit, salt: Buffer.from(salt).toString('base64') },
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
  const record: SealedKeyRecord = {
    key: new Uint8Array(Buffer.from(parsed.key, 'base64')),
    kdf: { ...parsed.kdf, salt: new Uint8Array(Buffer.from(parsed.kdf.salt, 'base64')) },
  };
  checkRecord(record, `The saved key for scheduled backups in "${fileLabel}"`);
  return record;
}

function checkRecord(record: SealedKeyRecord, what: string): void {
  if (record.key.length !== KEY_BYTES) {
    throw new NoteVaultError(
      'VALIDATION',
      `${what} is ${record.key.length} bytes; a backup key is ${KEY_BYTES}.`,
    );
  }
  assertKdfParamsWithinBounds(record.kdf);
}

/**
 * A SealedKeyStore that keeps the sealed record in one file (`sealed-backup-key.bin` in
 * userData), written atomically and readable only by the owner (mode 0600 on POSIX). The file
 * starts with a short marker so a stray or truncated file reads as "damaged", not as a keychain
 * failure. The sealer decides how the bytes are protected: safeStorage in the app, an in-memory
 * secret in tests.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { readFileCapped } from '../fsx/read-capped';
import type { FileLayerOptions } from '../fsx/retry';
import { unlinkIfExists } from '../fsx/retry';
import { decodeKeyRecord, encodeKeyRecord, KEYCHAIN_ERROR_CODE } from './sealed-key-store';
import type {
  DeviceKeyRecord,
  KeychainAvailability,
  SealedKeyRecord,
  SealedKeyStore,
  Sealer,
} from './sealed-key-store';

export const SEALED_KEY_FILE = 'sealed-backup-key.bin';
/**
 * A sealed record is a few hundred bytes (a device key, sealed by the keychain); anything much
 * larger is not ours, and is refused before it is read into memory.
 */
export const MAX_SEALED_KEY_FILE_BYTES = 16 * 1024;
const MARKER = Buffer.from('NVSEALEDKEY1\n', 'ascii');

export class FileSealedKeyStore implements SealedKeyStore {
  constructor(
    private readonly file: string,
    private readonly sealer: Sealer,
    private readonly layer: FileLayerOptions = {},
  ) {}

  get keychainName(): string {
    return this.sealer.keychainName;
  }

  availability(): Promise<KeychainAvailability> {
    return this.sealer.availability();
  }

  async save(record: DeviceKeyRecord): Promise<void> {
    const availability = await this.sealer.availability();
    if (!availability.available)
      throw keychainUnavailableError(this.sealer.keychainName, availability.reason);
    const sealed = await this.sealer.seal(encodeKeyRecord(record));
    await writeFileAtomic(this.file, Buffer.concat([MARKER, sealed]), { ...this.layer, mode: 0o600 });
  }

  async load(): Promise<SealedKeyRecord | null> {
    const bytes = await this.readFile();
    if (bytes === null) return null;
    if (bytes.length <= MARKER.length || !bytes.subarray(0, MARKER.length).equals(MARKER)) {
      throw damagedError(this.file, 'the file does not start with its marker');
    }
    const availability = await this.sealer.availability();
    if (!availability.available)
      throw keychainUnavailableError(this.sealer.keychainName, availability.reason);
    let unsealed: { plainText: string; shouldReseal: boolean };
    try {
      unsealed = await this.sealer.unseal(new Uint8Array(bytes.subarray(MARKER.length)));
    } catch (cause) {
      // Read by a person in the tray and the backups view long after the run: the sentence says
      // what to do, the file and the keychain's own words go to details.
      throw new NoteVaultError(
        KEYCHAIN_ERROR_CODE,
        `Scheduled backups cannot unlock their saved key with ${this.sealer.keychainName}: ` +
          'turn scheduled backups off and on again in Settings and enter your passkey.',
        {
          cause,
          details:
            `"${this.file}": ${cause instanceof Error ? cause.message : String(cause)} This happens after the ` +
            'keychain was reset, or the files were copied from another computer or user account.',
        },
      );
    }
    const record = decodeKeyRecord(unsealed.plainText, this.file);
    // The keychain rotated its key: seal again so the record stays readable. Not fatal if it fails.
    // A version-1 record is not sealed again: loadUnattendedKeys replaces it with a device key.
    if (unsealed.shouldReseal && record.version === 2) await this.save(record).catch(() => undefined);
    return record;
  }

  async forget(): Promise<void> {
    await unlinkIfExists(this.file, this.layer);
  }

  private async readFile(): Promise<Buffer | null> {
    const bytes = await readFileCapped(
      this.file,
      MAX_SEALED_KEY_FILE_BYTES,
      'read the saved key for scheduled backups',
      (detail) => damagedError(this.file, detail),
      this.layer,
    );
    return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

function damagedError(file: string, detail: string): NoteVaultError {
  return new NoteVaultError(
    KEYCHAIN_ERROR_CODE,
    `The saved key for scheduled backups in "${file}" is damaged. ` +
      'Turn scheduled backups off and on again and enter your passkey.',
    { details: `"${file}": ${detail}` },
  );
}

export function keychainUnavailableError(keychainName: string, reason: string): NoteVaultError {
  return new NoteVaultError(
    KEYCHAIN_ERROR_CODE,
    `Scheduled backups need the system keychain (${keychainName}) to keep the backup key safely while ` +
      `NoteVault runs unattended, and it is not available: ${reason} ` +
      'Nothing was saved. You can still make backups by hand with your passkey.',
  );
}

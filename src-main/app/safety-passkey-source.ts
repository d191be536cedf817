import type { BackupKeys } from '../backup/keys/backup-keys-file';
import type { PasskeyForWriting } from '../backup/write-keys';

/**
 * The passkey slot of the safety backup: the public key and settings kept in backup-keys.json
 * (no passkey asked, no Argon2id); with none kept, the person's own passkey, or the one typed
 * for the file only when they said it is the same. Null: nothing given, refused if there are
 * notes. Never the restored file's key or salt (safety-backup-key.ts).
 */
export function safetyPasskeySource(
  kept: BackupKeys,
  passkey: string | undefined,
  safetyPasskey: string | undefined,
  samePasskey: boolean | undefined,
): PasskeyForWriting | null {
  if (kept.passkey !== null) return { publicKey: kept.passkey.publicKey, kdf: kept.passkey.kdf };
  if (samePasskey === true && passkey !== undefined) return { passkey };
  return safetyPasskey === undefined ? null : { passkey: safetyPasskey };
}

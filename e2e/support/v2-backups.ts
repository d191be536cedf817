import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { encryptBytesToFile } from '../../src-main/backup/encrypt-bytes';
import { MEMLIMIT_MIN, OPSLIMIT_MIN } from '../../src-main/backup/format/format-constants';
import { deriveKey } from '../../src-main/backup/format/kdf';
import type { KdfParams } from '../../src-main/backup/format/kdf';
import { decodeAnyHeader } from '../../src-main/backup/format/header';
import { unlockFileKey } from '../../src-main/backup/format/v2/unlock-file-key';
import { newFileKey, passkeySecretKey, publicKeyOf } from '../../src-main/backup/format/v2/way-in-keys';
import { writeBackupKeys } from '../../src-main/backup/keys/backup-keys-file';

/**
 * Test-only v2 backups for the window's passkey-change tests, made with the product's own v2
 * writer (cheap Argon2id, random payloads): whichever format the app's own backups are written
 * in, these have a passkey slot to change. Playwright cannot load the Vitest-side helpers.
 */

/**
 * `count` v2 backups named like NoteVault's in `folder`, all for `passkey` with one salt, which
 * backup-keys.json in `keysFolder` names as the current passkey; their paths.
 */
export async function v2BackupsFor(passkey: string, folder: string, keysFolder: string, count: number) {
  const kdf: KdfParams = {
    algorithm: 2,
    opslimit: OPSLIMIT_MIN,
    memlimit: MEMLIMIT_MIN,
    salt: new Uint8Array(randomBytes(16)),
  };
  const secretKey = await passkeySecretKey(await deriveKey(passkey, kdf));
  const publicKey = await publicKeyOf(secretKey);
  secretKey.fill(0);
  await writeBackupKeys(keysFolder, { passkey: { kdf, publicKey }, recoveryCode: null });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(folder, `NoteVault-2026-12-06T01-00-${String(i).padStart(2, '0')}Z.nvbak`);
    closeSync(openSync(file, 'wx', 0o600));
    const fileKey = newFileKey();
    await encryptBytesToFile(
      new Uint8Array(randomBytes(3000)),
      file,
      { formatVersion: 2, fileKey, recipients: [{ kind: 'passkey', kdf, publicKey }] },
      {
        appVersion: '0.2.0',
        schemaVersion: 3,
        createdAt: '2026-12-06T01:00:00.000Z',
        noteCount: 1,
        kind: 'manual',
      },
    );
    fileKey.fill(0);
    files.push(file);
  }
  return files;
}

/** Which of `passkeys` opens the file's header (MAC checked), or the code of the last refusal. */
export async function whichPasskeyOpens(file: string, passkeys: readonly string[]): Promise<string> {
  const header = decodeAnyHeader(new Uint8Array(readFileSync(file).subarray(0, 72 + 1024)), file);
  if (header.formatVersion !== 2) return 'not v2';
  let refusal = 'none';
  for (const passkey of passkeys) {
    try {
      (await unlockFileKey(header, { kind: 'passkey', passkey }, file)).fill(0);
      return passkey;
    } catch (error) {
      if (!(error instanceof NoteVaultError)) throw error;
      refusal = error.code;
    }
  }
  return refusal;
}

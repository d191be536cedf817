/**
 * Test-only: folders of real v2 backups (cheap Argon2id) for the passkey-change tests, and the
 * checks those tests make of each file: which passkey opens it, and that all of it decrypts.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { NoteVaultError } from '../../../src-shared/errors';
import { encryptBytesToFile } from '../../../src-main/backup/encrypt-bytes';
import { decryptFile } from '../../../src-main/backup/format/decrypt-stream';
import { deriveKey } from '../../../src-main/backup/format/kdf';
import type { KdfParams } from '../../../src-main/backup/format/kdf';
import { decodeHeaderV2, rewrapHeader } from '../../../src-main/backup/format/v2/header-v2';
import type { Recipient } from '../../../src-main/backup/format/v2/slots';
import { unlockFileKey } from '../../../src-main/backup/format/v2/unlock-file-key';
import type { DeriveArgon2id } from '../../../src-main/backup/format/v2/unlock-file-key';
import {
  newFileKey,
  passkeySecretKey,
  publicKeyOf,
  recoverySecretKey,
} from '../../../src-main/backup/format/v2/way-in-keys';
import { writeBackupKeys } from '../../../src-main/backup/keys/backup-keys-file';
import { readFileSync } from 'node:fs';
import { cheapKdfParams } from './format/test-support';

export const OLD_PASSKEY = 'old: correct horse battery staple';
export const NEW_PASSKEY = 'new: tremble quartz wizard jovial';
export const OTHER_PASSKEY = 'someone else entirely, 2026';
export const CHEAP_COSTS = { opslimit: cheapKdfParams().opslimit, memlimit: cheapKdfParams().memlimit };

/** Argon2id that counts its runs, as a passkey change's `derive`. */
export function countingDerive(): DeriveArgon2id & { runs: number } {
  const derive = Object.assign(
    async (passkey: string, kdf: KdfParams) => {
      derive.runs += 1;
      return deriveKey(passkey, kdf);
    },
    { runs: 0 },
  );
  return derive;
}

export interface PasskeyWayIn {
  passkey: string;
  kdf: KdfParams;
  publicKey: Uint8Array;
}

/** A passkey's recipient with a fresh cheap salt: one Argon2id run. */
export async function passkeyWayIn(passkey: string): Promise<PasskeyWayIn> {
  const kdf = cheapKdfParams();
  const secretKey = await passkeySecretKey(await deriveKey(passkey, kdf));
  return { passkey, kdf, publicKey: await publicKeyOf(secretKey) };
}

export interface RecoveryWayIn {
  code: Uint8Array;
  publicKey: Uint8Array;
}

export async function recoveryWayIn(): Promise<RecoveryWayIn> {
  const code = new Uint8Array(randomBytes(20));
  return { code, publicKey: await publicKeyOf(await recoverySecretKey(code)) };
}

/** A v2 backup of `payloadBytes` random bytes with a passkey slot (and a recovery-code slot if given). */
export async function makeV2Backup(
  path: string,
  passkey: PasskeyWayIn,
  recovery?: RecoveryWayIn,
  payloadBytes = 3000,
): Promise<void> {
  const recipients: Recipient[] = [{ kind: 'passkey', kdf: passkey.kdf, publicKey: passkey.publicKey }];
  if (recovery) recipients.push({ kind: 'recovery-code', publicKey: recovery.publicKey });
  closeSync(openSync(path, 'wx', 0o600));
  const fileKey = newFileKey();
  await encryptBytesToFile(
    new Uint8Array(randomBytes(payloadBytes)),
    path,
    { formatVersion: 2, fileKey, recipients },
    {
      appVersion: '0.2.0',
      schemaVersion: 3,
      createdAt: '2026-12-06T01:00:00.000Z',
      noteCount: 5,
      kind: 'manual',
    },
  );
  fileKey.fill(0);
}

/** `count` backups named like NoteVault's in `folder`, all for the same passkey (one salt). */
export async function makeV2Folder(
  folder: string,
  count: number,
  passkey: PasskeyWayIn,
  recovery?: RecoveryWayIn,
): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(
      folder,
      `NoteVault-2026-12-06T01-${String(Math.floor(i / 60)).padStart(2, '0')}-${String(i % 60).padStart(2, '0')}Z.nvbak`,
    );
    await makeV2Backup(file, passkey, recovery);
    files.push(file);
  }
  return files;
}

/** backup-keys.json in `folder` naming `passkey` (and the recovery code) as NoteVault's current ones. */
export async function keepKeys(
  folder: string,
  passkey: PasskeyWayIn,
  recovery?: RecoveryWayIn,
): Promise<void> {
  await writeBackupKeys(folder, {
    passkey: { kdf: passkey.kdf, publicKey: passkey.publicKey },
    recoveryCode: recovery ? { publicKey: recovery.publicKey, createdAt: '2026-12-06T00:00:00.000Z' } : null,
  });
}

/** Which of the passkeys opens the file's header (MAC checked), or the error code of the last refusal. */
export async function whichPasskeyOpens(file: string, passkeys: readonly string[]): Promise<string> {
  const header = decodeHeaderV2(new Uint8Array(readFileSync(file).subarray(0, 72 + 1024)), file);
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

/** Opens the file with `secret` and decrypts all of it (MAC, every chunk, hash, padding). */
export async function decryptsFully(
  file: string,
  secret: { kind: 'passkey'; passkey: string } | { kind: 'recovery-code'; code: Uint8Array },
): Promise<number> {
  const header = decodeHeaderV2(new Uint8Array(readFileSync(file).subarray(0, 72 + 1024)), file);
  const fileKey = await unlockFileKey(header, secret, file);
  try {
    return (await decryptFile(file, fileKey)).plaintextSize;
  } finally {
    fileKey.fill(0);
  }
}

/**
 * A v2 backup at `path` for OLD_PASSKEY and the header a passkey change gives it (NEW_PASSKEY's
 * slot, the same length): what a rekey journal holds.
 */
export async function backupWithNewHeader(
  path: string,
): Promise<{ oldHeader: Uint8Array; newHeader: Uint8Array; fileSize: number }> {
  await makeV2Backup(path, await passkeyWayIn(OLD_PASSKEY));
  const bytes = new Uint8Array(readFileSync(path));
  const header = decodeHeaderV2(bytes.subarray(0, 72 + 1024), path);
  const fileKey = await unlockFileKey(header, { kind: 'passkey', passkey: OLD_PASSKEY }, path);
  const newWay = await passkeyWayIn(NEW_PASSKEY);
  const newHeader = await rewrapHeader(header, fileKey, [
    { kind: 'passkey', kdf: newWay.kdf, publicKey: newWay.publicKey },
  ]);
  fileKey.fill(0);
  return { oldHeader: header.bytes, newHeader, fileSize: bytes.length };
}

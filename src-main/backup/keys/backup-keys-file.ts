/**
 * backup-keys.json, beside the notes database: the PUBLIC half of each way into v2 backups
 * (docs/backup-format.md section 13). Writers of new backups need only these public keys, so a
 * scheduled or before-restore backup can add a passkey slot and a recovery-code slot without the
 * passkey or the code. The passkey's salt and costs are kept here once, so one Argon2id run
 * opens every backup made since (their passkey slots carry the same salt).
 *
 * Nothing in this file opens a backup: public keys and KDF parameters only. It is still written
 * owner-only (0600) like the rest of the app's private data, because whoever can replace it can
 * make later backups carry slots for THEIR keys; the passkey's publicKey is checked against the
 * derived one whenever the passkey is typed (unattended-key.ts), scheduled runs (nobody typing)
 * check the whole file against a hash sealed in the keychain (keystore/backup-keys-hash.ts), and a
 * damaged file stops new backups with a sentence instead of being silently replaced.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { NoteVaultError } from '../../../src-shared/errors';
import { writeFileAtomic } from '../../fsx/atomic-publish';
import { readFileCapped } from '../../fsx/read-capped';
import type { FileLayerOptions } from '../../fsx/retry';
import { assertKdfParamsWithinBounds } from '../format/kdf';
import type { KdfParams } from '../format/kdf';
import { assertPublicKey } from '../format/v2/way-in-keys';

export const BACKUP_KEYS_FILE = 'backup-keys.json';
/**
 * The file is a few hundred bytes; anything much larger is not ours. Checked before reading
 * the whole file, so a huge file planted there cannot make the app read it into memory.
 */
export const MAX_BACKUP_KEYS_FILE_BYTES = 16 * 1024;
const FILE_VERSION = 1;

export interface BackupKeys {
  /** The passkey's salt and costs (kept once per passkey) and its public key. */
  passkey: { kdf: KdfParams; publicKey: Uint8Array } | null;
  /** The current recovery code's public key; the code itself is never kept. */
  recoveryCode: { publicKey: Uint8Array; createdAt: string } | null;
}

const base64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
const fileJson = z.strictObject({
  version: z.literal(FILE_VERSION),
  passkey: z
    .strictObject({
      kdf: z.strictObject({
        algorithm: z.number().int(),
        opslimit: z.number().int(),
        memlimit: z.number().int(),
        salt: base64,
      }),
      publicKey: base64,
    })
    .nullable(),
  recoveryCode: z
    .strictObject({
      publicKey: base64,
      createdAt: z.iso.datetime(),
    })
    .nullable(),
});

export function backupKeysPath(folder: string): string {
  return join(folder, BACKUP_KEYS_FILE);
}

/** The keys kept in `folder` (the notes database's folder); both null when there is no file yet. */
export async function readBackupKeys(folder: string, layer: FileLayerOptions = {}): Promise<BackupKeys> {
  const file = backupKeysPath(folder);
  const bytes = await readFileCapped(
    file,
    MAX_BACKUP_KEYS_FILE_BYTES,
    'read the list of backup keys',
    (detail) => damaged(file, detail, undefined),
    layer,
  );
  if (bytes === null) return { passkey: null, recoveryCode: null };
  let parsed: z.infer<typeof fileJson>;
  try {
    parsed = fileJson.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
  } catch (cause) {
    throw damaged(file, cause instanceof z.ZodError ? z.prettifyError(cause) : String(cause), cause);
  }
  try {
    return checked({
      passkey:
        parsed.passkey === null
          ? null
          : {
              kdf: { ...parsed.passkey.kdf, salt: fromBase64(parsed.passkey.kdf.salt) },
              publicKey: fromBase64(parsed.passkey.publicKey),
            },
      recoveryCode:
        parsed.recoveryCode === null
          ? null
          : {
              publicKey: fromBase64(parsed.recoveryCode.publicKey),
              createdAt: parsed.recoveryCode.createdAt,
            },
    });
  } catch (cause) {
    throw damaged(file, cause instanceof Error ? cause.message : String(cause), cause);
  }
}

/** Replaces the file atomically (owner-only partial in the same folder, fsync, rename). */
export async function writeBackupKeys(
  folder: string,
  keys: BackupKeys,
  layer: FileLayerOptions = {},
): Promise<void> {
  checked(keys);
  const { passkey, recoveryCode } = keys;
  const content = {
    version: FILE_VERSION,
    passkey:
      passkey === null
        ? null
        : {
            kdf: {
              algorithm: passkey.kdf.algorithm,
              opslimit: passkey.kdf.opslimit,
              memlimit: passkey.kdf.memlimit,
              salt: toBase64(passkey.kdf.salt),
            },
            publicKey: toBase64(passkey.publicKey),
          },
    recoveryCode:
      recoveryCode === null
        ? null
        : { publicKey: toBase64(recoveryCode.publicKey), createdAt: recoveryCode.createdAt },
  };
  await writeFileAtomic(backupKeysPath(folder), `${JSON.stringify(content, null, 2)}\n`, {
    ...layer,
    mode: 0o600,
  });
}

const updates = new Map<string, Promise<unknown>>();

/**
 * Read, change, write, one at a time per folder in this process: the recovery-code service,
 * enabling scheduled backups and a passkey change each change one member, and two of them at
 * once must not write back the other's stale copy. `change` returns the keys to write, or the
 * same object to write nothing. Resolves with the keys now in the file.
 */
export function updateBackupKeys(
  folder: string,
  change: (keys: BackupKeys) => BackupKeys | Promise<BackupKeys>,
  layer: FileLayerOptions = {},
): Promise<BackupKeys> {
  const key = resolve(folder);
  const run = async (): Promise<BackupKeys> => {
    const current = await readBackupKeys(folder, layer);
    const next = await change(current);
    if (next !== current) await writeBackupKeys(folder, next, layer);
    return next;
  };
  const previous = updates.get(key) ?? Promise.resolve();
  const result = previous.then(run, run);
  const settled = result.catch(() => undefined);
  updates.set(key, settled);
  void settled.then(() => {
    if (updates.get(key) === settled) updates.delete(key);
  });
  return result;
}

/** Throws VALIDATION for keys no writer should produce; returns them for chaining. */
function checked(keys: BackupKeys): BackupKeys {
  if (keys.passkey !== null) {
    assertKdfParamsWithinBounds(keys.passkey.kdf);
    assertPublicKey(keys.passkey.publicKey, "The passkey's public key");
  }
  if (keys.recoveryCode !== null) {
    assertPublicKey(keys.recoveryCode.publicKey, "The recovery code's public key");
    if (!z.iso.datetime().safeParse(keys.recoveryCode.createdAt).success) {
      throw new NoteVaultError(
        'VALIDATION',
        `The recovery code's creation time "${keys.recoveryCode.createdAt}" is not an ISO date and time.`,
      );
    }
  }
  return keys;
}

/**
 * IO like the sealed key's "damaged" (an app file, not a caller's value). Deleting the file loses
 * nothing that opens a backup: the next passkey entry saves the passkey's key again, and backups
 * made so far keep their slots.
 */
function damaged(file: string, detail: string, cause: unknown): NoteVaultError {
  return new NoteVaultError(
    'IO',
    `NoteVault's list of backup keys "${file}" is damaged, so no new backup can be made: delete the file, ` +
      'make a backup by hand with your passkey, and create a new recovery code in Settings.',
    { cause, details: `"${file}": ${detail}` },
  );
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

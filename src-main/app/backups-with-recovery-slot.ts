import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { NoteVaultError } from '../../src-shared/errors';
import { readAnyHeader } from '../backup/format/header';
import { sameBytes } from '../backup/format/same-bytes';
import { toNoteVaultError, underlyingCode } from '../fsx/fs-errors';
import { listBackupFiles } from './backup-folder';

/** A file (or folder) that could not be looked at; the rest of the scan went on. */
export interface UncheckedBackup {
  path: string;
  /** Why, in one sentence (a locked file, a damaged header). */
  message: string;
}

export interface RecoverySlotScan {
  /** Full paths of the backups with a recovery-code slot for the key id, newest first per folder. */
  carrying: string[];
  unchecked: UncheckedBackup[];
}

/**
 * The backups in `folders` (directly inside, as the backups view lists them) whose header has a
 * recovery-code slot with key id `keyId`: the backups an old code still opens after it was
 * replaced or revoked (docs/backup-format.md section 19). Header bytes only, at most 1,096 per
 * file (section 17 step 4): no key work, no decryption. v1 files have no slots and never carry
 * a code. A file or folder that cannot be read is listed in `unchecked` and never stops the scan:
 * the caller has already changed the code and must still be able to say so.
 */
export async function findBackupsWithRecoverySlot(
  folders: readonly string[],
  keyId: Uint8Array,
): Promise<RecoverySlotScan> {
  const scan: RecoverySlotScan = { carrying: [], unchecked: [] };
  for (const folder of new Set(folders)) {
    let files;
    try {
      await assertFolderThere(folder);
      files = await listBackupFiles(folder);
    } catch (error) {
      scan.unchecked.push({ path: folder, message: messageOf(error) });
      continue;
    }
    for (const file of files) {
      try {
        if (await hasRecoverySlot(file.path, keyId)) scan.carrying.push(file.path);
      } catch (error) {
        scan.unchecked.push({ path: file.path, message: messageOf(error) });
      }
    }
  }
  return scan;
}

/** listBackupFiles lists nothing for a missing folder; here that is a folder left unchecked. */
async function assertFolderThere(folder: string): Promise<void> {
  try {
    await stat(folder);
  } catch (cause) {
    if (underlyingCode(cause) !== 'ENOENT') throw toNoteVaultError(cause, 'open', folder);
    throw new NoteVaultError(
      'NOT_FOUND',
      `The backup folder "${folder}" is not there (a drive not connected?), so its backups were not checked.`,
    );
  }
}

async function hasRecoverySlot(path: string, keyId: Uint8Array): Promise<boolean> {
  const handle = await openHeaderOnly(path);
  try {
    // The folder listing saw a regular file; check what was opened (a FIFO swapped in since
    // would otherwise be read from, and a folder cannot be read at all).
    if (!(await handle.stat()).isFile()) {
      throw new NoteVaultError('IO', `"${path}" is no longer a regular file, so NoteVault did not read it.`);
    }
    const header = await readAnyHeader(handle, path);
    if (header.formatVersion !== 2) return false;
    return header.slots.some((slot) => slot.kind === 'recovery-code' && sameBytes(slot.keyId, keyId));
  } finally {
    await handle.close();
  }
}

/** O_NONBLOCK: opening a FIFO planted under a backup's name must not wait for a writer. */
async function openHeaderOnly(path: string) {
  const { O_RDONLY, O_NONBLOCK } = constants;
  try {
    return await open(path, O_NONBLOCK === undefined ? 'r' : O_RDONLY | O_NONBLOCK);
  } catch (cause) {
    throw toNoteVaultError(cause, 'open', path);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { stat } from 'node:fs/promises';
import { NoteVaultError } from '../../../src-shared/errors';
import { BACKUP_EXTENSION } from '../../backup/backup-names';
import { destinationFolder } from '../../backup/backup-target';
import { inspectAnyHeader } from '../../backup/format/header';
import type { AnyBackupHeader } from '../../backup/format/header';
import { toNoteVaultError } from '../../fsx/fs-errors';

// Checks that run before the passkey is asked for: typing a passkey (twice, for a backup)
// only to hear that the path was mistyped or the file is not a backup wastes a person's time.

export async function assertIsFile(file: string, what: string, option: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NoteVaultError('IO', `There is no ${what} at "${file}". Check the ${option} path.`);
    }
    throw toNoteVaultError(error, 'read', file);
  }
  if (!isFile) {
    throw new NoteVaultError('IO', `"${file}" is a folder, not a ${what}. Check the ${option} path.`);
  }
}

/**
 * Existence plus the cleartext header: NOT_A_BACKUP, BACKUP_UNSUPPORTED and truncation show up
 * here. Returns the header, whose (passkey slot's) KDF settings say what opening the backup will cost.
 */
export async function assertLooksLikeBackup(file: string, option: string): Promise<AnyBackupHeader> {
  await assertIsFile(file, 'backup file', option);
  return inspectAnyHeader(file);
}

/**
 * The --out of a backup: an existing folder, or a new file name ending in .nvbak inside
 * an existing folder. The pipeline checks again when it writes (a file may appear
 * meanwhile); checking here first spares a person typing the passkey twice in vain.
 */
export async function assertBackupDestination(out: string): Promise<void> {
  const folder = destinationFolder(out);
  if (folder !== out) {
    const existing = await stat(out).catch(() => undefined);
    if (existing !== undefined) {
      throw new NoteVaultError(
        'IO',
        `Did not write the backup ${out}: a file with that name already exists and NoteVault never replaces a ` +
          'backup. Choose another name, or give a folder to get a generated name.',
      );
    }
  }
  const info = await stat(folder).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new NoteVaultError(
      'IO',
      `The backup folder ${folder} does not exist or is not a folder. Create it first, or choose an existing ` +
        `folder (or a file name ending in ${BACKUP_EXTENSION} inside one).`,
    );
  }
}

import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import type { BackupFileKind } from '../../src-shared/ipc/contract-schedule';
import { isBackupFileName, parseBackupFileName } from '../backup/backup-names';

export interface BackupFileInfo {
  name: string;
  path: string;
  createdAt: number;
  sizeBytes: number;
  kind: BackupFileKind;
}

export function requireBackupFolder(folder: string | null): string {
  if (folder === null) {
    throw new NoteVaultError('VALIDATION', 'Choose a backup folder in Settings first.');
  }
  return folder;
}

/**
 * The path of backup `name` inside `folder`, after checking that the name is a plain backup
 * file name (names come from the renderer) and that the file is a regular file there: never a
 * folder, a link pointing elsewhere, or anything outside the backup folder.
 */
export async function resolveBackupFile(folder: string, name: string): Promise<string> {
  if (basename(name) !== name || !isBackupFileName(name)) {
    throw new NoteVaultError(
      'VALIDATION',
      `"${name}" is not a NoteVault backup name (a .nvbak file inside the backup folder).`,
    );
  }
  const path = join(folder, name);
  if (dirname(resolve(path)) !== resolve(folder)) {
    throw new NoteVaultError('VALIDATION', `"${name}" is not inside the backup folder "${folder}".`);
  }
  let isFile: boolean;
  try {
    isFile = (await lstat(path)).isFile();
  } catch {
    throw new NoteVaultError(
      'NOT_FOUND',
      `The backup "${name}" is no longer in "${folder}". It may have been moved or deleted; refresh the list.`,
    );
  }
  if (!isFile) {
    throw new NoteVaultError(
      'VALIDATION',
      `"${path}" is not a regular file, so NoteVault will not touch it.`,
    );
  }
  return path;
}

/** Every backup file directly inside `folder`, newest first; a missing folder lists nothing. */
export async function listBackupFiles(folder: string): Promise<BackupFileInfo[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new NoteVaultError(
      'IO',
      `NoteVault could not read the backup folder "${folder}": ${(error as Error).message}. Check that the drive is connected.`,
      { cause: error },
    );
  }
  const files: BackupFileInfo[] = [];
  for (const name of names.filter(isBackupFileName)) {
    const path = join(folder, name);
    const stats = await lstat(path).catch(() => null);
    if (!stats?.isFile()) continue;
    const parsed = parseBackupFileName(name);
    files.push({
      name,
      path,
      createdAt: parsed?.createdAt.getTime() ?? stats.mtimeMs,
      sizeBytes: stats.size,
      kind: parsed?.kind ?? 'other',
    });
  }
  return files.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

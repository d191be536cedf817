import { basename, dirname, join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { underlyingCode } from '../fsx/fs-errors';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists, retryingFs } from '../fsx/retry';
import { backupFileName, isBackupFileName } from './backup-names';
import type { BackupKind } from './format/metadata';

export interface BackupTarget {
  finalPath: string;
  /** `<final>.partial`, already created (empty) by this process. */
  partialPath: string;
}

const MAX_SEQUENCE = 99;

/** The folder a backup lands in: `destination` itself, or the folder of a full .nvbak path. */
export function destinationFolder(destination: string): string {
  return isBackupFileName(basename(destination)) ? dirname(destination) : destination;
}

/**
 * Chooses the final name and creates its partial exclusively ('wx'), so two NoteVault
 * processes backing up in the same second (the app's schedule and the CLI) never write into
 * one partial: the second finds it taken and moves on to the `-2` name. A partial left by a
 * crash is skipped the same way until the start-up sweep removes it.
 */
export async function reserveBackupTarget(
  destination: string,
  createdAt: Date,
  kind: BackupKind,
  layer: FileLayerOptions,
): Promise<BackupTarget> {
  if (isBackupFileName(basename(destination))) {
    if (await lstatIfExists(destination, layer)) throw alreadyExists(destination);
    const target = { finalPath: destination, partialPath: `${destination}.partial` };
    if (await createExclusive(target.partialPath, layer)) return target;
    throw new NoteVaultError(
      'IO',
      `Could not write the backup ${destination}: ${target.partialPath} already exists, so another backup to ` +
        'that name is running or was interrupted. Wait for it to finish or restart NoteVault (which removes ' +
        'interrupted backups), then try again.',
    );
  }
  const folder = await lstatIfExists(destination, layer);
  if (!folder?.isDirectory()) {
    throw new NoteVaultError(
      'IO',
      `The backup folder ${destination} does not exist or is not a folder. Choose an existing folder ` +
        '(or a file name ending in .nvbak) and try again.',
    );
  }
  for (let sequence = 1; sequence <= MAX_SEQUENCE; sequence++) {
    const finalPath = join(destination, backupFileName(createdAt, kind, sequence));
    if (await lstatIfExists(finalPath, layer)) continue;
    const partialPath = `${finalPath}.partial`;
    if (await createExclusive(partialPath, layer)) return { finalPath, partialPath };
  }
  throw new NoteVaultError(
    'IO',
    `Could not choose a name for the backup in ${destination}: ${MAX_SEQUENCE} backups of the same second already exist.`,
  );
}

/** True when this call created the file; false when it already existed. */
async function createExclusive(path: string, layer: FileLayerOptions): Promise<boolean> {
  try {
    const handle = await retryingFs(layer.fs, layer.retry).open(path, 'wx', 0o600);
    await handle.close();
    return true;
  } catch (error) {
    if (underlyingCode(error) === 'EEXIST') return false;
    throw error;
  }
}

function alreadyExists(path: string): NoteVaultError {
  return new NoteVaultError(
    'IO',
    `Did not write the backup ${path}: a file with that name already exists and NoteVault never replaces a backup. ` +
      'Choose another name.',
  );
}

import { basename, dirname, join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { underlyingCode } from '../fsx/fs-errors';
import { ownedPartialPath, readOwnedPartialName } from '../fsx/partial-names';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists, retryingFs, unlinkIfExists } from '../fsx/retry';
import { backupFileName, isBackupFileName } from './backup-names';
import type { BackupKind } from './format/metadata';

export interface BackupTarget {
  finalPath: string;
  /** ownedPartialPath(finalPath): already created (empty) by this process and thread. */
  partialPath: string;
}

const MAX_SEQUENCE = 99;

/** The folder a backup lands in: `destination` itself, or the folder of a full .nvbak path. */
export function destinationFolder(destination: string): string {
  return isBackupFileName(basename(destination)) ? dirname(destination) : destination;
}

/**
 * Chooses the final name and claims it with a partial, so two NoteVault processes backing up
 * in the same second (the app's schedule and the CLI) never write the same backup: the second
 * finds the name claimed and moves on to the `-2` name. A partial left by a crash is skipped
 * the same way until a sweep removes it (at once when its owner is dead, see createBackup).
 */
export async function reserveBackupTarget(
  destination: string,
  createdAt: Date,
  kind: BackupKind,
  layer: FileLayerOptions,
): Promise<BackupTarget> {
  if (isBackupFileName(basename(destination))) {
    if (await lstatIfExists(destination, layer)) throw alreadyExists(destination);
    const partialPath = await claim(destination, layer);
    if (partialPath !== undefined) return { finalPath: destination, partialPath };
    throw new NoteVaultError(
      'IO',
      `Could not write the backup ${destination}: another backup to that name is being written (or was ` +
        'interrupted less than an hour ago by an older NoteVault). Wait for it to finish or choose another ' +
        'name, then try again.',
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
    const partialPath = await claim(finalPath, layer);
    if (partialPath !== undefined) return { finalPath, partialPath };
  }
  throw new NoteVaultError(
    'IO',
    `Could not choose a name for the backup in ${destination}: ${MAX_SEQUENCE} backups of the same second already exist.`,
  );
}

/**
 * Claims `finalPath` with this thread's partial; returns it, or undefined when another claim exists.
 *
 * The partial names its owner, so partials of two processes no longer collide by name, and an
 * exclusive create alone cannot keep them apart. So each creates its own and then looks for any
 * other partial of the same final name, and backs off if it finds one. Of two claimants, the one
 * that looks second finds the first's partial (created before the first looked), so at most one
 * proceeds; if both look late, both move on and the name stays unused. The hard link that
 * publishes a backup never replaces a file either (publishFile with overwrite false).
 */
async function claim(finalPath: string, layer: FileLayerOptions): Promise<string | undefined> {
  const partialPath = ownedPartialPath(finalPath);
  if (!(await createExclusive(partialPath, layer))) return undefined;
  const finalName = basename(finalPath);
  const names = await retryingFs(layer.fs, layer.retry).readdir(dirname(finalPath));
  const taken = names.some(
    (name) => name !== basename(partialPath) && readOwnedPartialName(name)?.finalName === finalName,
  );
  if (!taken) return partialPath;
  await unlinkIfExists(partialPath, layer);
  return undefined;
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

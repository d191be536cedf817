/**
 * The staging folder (userData/backup-staging) holds a backup written for a cloud-synced backup
 * folder until the backup folder has a verified copy of it. Catch-up copies only the newest backup
 * a destination lacks, so an older staged file is never copied anywhere again: each run whose
 * copy-in failed would otherwise leave a whole backup behind, without bound. Only NoteVault-named
 * regular files are removed (found with lstat: a link or folder is left alone), nothing else there.
 */
import { join } from 'node:path';
import { parseBackupFileName } from '../backup/backup-names';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists, unlinkIfExists } from '../fsx/retry';

/** After `name` reached the backup folder verified: every staged backup of its age or older goes. */
export function dropStagedUpTo(
  stagingFolder: string,
  name: string,
  options: { fileLayer?: FileLayerOptions | undefined; log: (message: string) => void },
): Promise<number> {
  const made = parseBackupFileName(name)?.createdAt.getTime();
  if (made === undefined) return dropStaged(stagingFolder, options, () => true, [{ name, createdAt: 0 }]);
  return dropStaged(stagingFolder, options, (staged) => staged.createdAt <= made);
}

/** At start: every staged backup but the newest (the only one a catch-up could still copy). */
export async function dropStaleStaged(
  stagingFolder: string,
  options: { fileLayer?: FileLayerOptions | undefined; log: (message: string) => void },
): Promise<number> {
  const staged = await stagedBackups(stagingFolder, options.fileLayer);
  const newest = staged.reduce<StagedBackup | undefined>(
    (best, next) => (best === undefined || newer(next, best) ? next : best),
    undefined,
  );
  return dropStaged(stagingFolder, options, (backup) => backup !== newest, staged);
}

interface StagedBackup {
  name: string;
  createdAt: number;
}

function newer(a: StagedBackup, b: StagedBackup): boolean {
  // Names made within one second differ by their sequence, which sorts after the time.
  return a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.name > b.name;
}

async function dropStaged(
  stagingFolder: string,
  options: { fileLayer?: FileLayerOptions | undefined; log: (message: string) => void },
  goes: (staged: StagedBackup) => boolean,
  listed?: StagedBackup[],
): Promise<number> {
  let dropped = 0;
  for (const staged of listed ?? (await stagedBackups(stagingFolder, options.fileLayer))) {
    if (!goes(staged)) continue;
    try {
      await unlinkIfExists(join(stagingFolder, staged.name), options.fileLayer);
      dropped += 1;
    } catch (error) {
      options.log(`Could not remove the staged copy of "${staged.name}": ${String(error)}`);
    }
  }
  return dropped;
}

/** NoteVault-named regular files in the staging folder; none when it cannot be listed. */
async function stagedBackups(stagingFolder: string, layer: FileLayerOptions = {}): Promise<StagedBackup[]> {
  const fs = layer.fs ?? nodeFileSystem;
  let names: string[];
  try {
    names = await fs.readdir(stagingFolder);
  } catch {
    return [];
  }
  const staged: StagedBackup[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (parsed === null) continue;
    try {
      if ((await lstatIfExists(join(stagingFolder, name), layer))?.isFile() === true) {
        staged.push({ name, createdAt: parsed.createdAt.getTime() });
      }
    } catch {
      // Gone or unreadable since the listing: not ours to remove now.
    }
  }
  return staged;
}

/**
 * The catalogue follows a change of the backup folder (docs/backup-pipeline.md, "Restore drills:
 * when and which"). Its copies in 'primary' name files of the old folder; left alone, the next
 * drill would test the new folder for them and health would list their old drills. So the copies
 * held when the folder changed whose name is not in the new folder are forgotten there (their other
 * destinations' copies stay). A backup of the same name in the new folder (the folder was moved)
 * keeps its record: its next drill compares the file with it anyway. A copy recorded after the
 * change (a backup written into the new folder) is not touched. With the new folder unreachable
 * nothing is forgotten now; the drills take only files present when they run.
 */
import { PRIMARY_DESTINATION_ID } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import type { BackupCatalogue } from '../settings/backup-catalogue';
import type { SettingsChange } from '../settings/settings-store';
import { listDestinationFolder } from './folder-presence';

export interface FollowBackupFolderDeps {
  settings: {
    get(): Readonly<Settings>;
    onDidChange(listener: (change: SettingsChange) => void): () => void;
  };
  catalogue: Pick<BackupCatalogue, 'entries' | 'forgetMany'>;
  log: (message: string) => void;
  /** Called when a change has been followed (for tests). */
  onFollowed?: () => void;
}

/** Starts following; returns the function that stops it. */
export function followBackupFolder(deps: FollowBackupFolderDeps): () => void {
  return deps.settings.onDidChange(({ settings, previous }) => {
    const folder = settings.backupFolder;
    if (folder === previous.backupFolder) return;
    // Taken now, so a backup written into the new folder while it is listed keeps its record.
    const held = deps.catalogue
      .entries()
      .filter((entry) => PRIMARY_DESTINATION_ID in entry.copies)
      .map((entry) => entry.name);
    void forgetAbsent(deps, folder, held)
      .catch((error: unknown) =>
        deps.log(`Could not update the backup catalogue for the new backup folder: ${String(error)}`),
      )
      .finally(() => deps.onFollowed?.());
  });
}

async function forgetAbsent(deps: FollowBackupFolderDeps, folder: string | null, held: string[]) {
  const listing = folder === null ? { names: new Set<string>() } : await listDestinationFolder(folder);
  // Changed again meanwhile: that change's own run follows it.
  if (deps.settings.get().backupFolder !== folder) return;
  if (listing === null) {
    deps.log(`The new backup folder "${folder}" could not be read; the catalogue keeps its records for now.`);
    return;
  }
  await deps.catalogue.forgetMany(
    held.filter((name) => !listing.names.has(name)),
    PRIMARY_DESTINATION_ID,
  );
}

/**
 * Where a passkey change finds the copies NoteVault itself made besides the backup folder: each
 * extra destination it can reach now, and the staging folder (a backup waiting to be copied into a
 * cloud-synced backup folder). A destination it cannot reach (an unplugged drive) is named, so the
 * change reports its copies as not changed rather than leaving the person to think they were.
 */
import type { Settings } from '../../src-shared/settings';
import type { OtherBackupFolders } from '../app/change-passkey-service';
import type { FileLayerOptions } from '../fsx/retry';
import { reachDestination } from './reach-destination';

export async function passkeyChangeFolders(
  settings: Readonly<Settings>,
  stagingFolder: string,
  fileLayer?: FileLayerOptions,
): Promise<OtherBackupFolders> {
  const reachable: string[] = [];
  const unreachable: { folder: string; details: string }[] = [];
  const destinationIds: Record<string, string> = {};
  for (const { id, folder } of settings.extraDestinations ?? []) {
    let reach;
    try {
      reach = await reachDestination(folder, fileLayer);
    } catch (error) {
      reach = { reachable: false as const, details: String(error) };
    }
    if (reach.reachable) {
      reachable.push(folder);
      destinationIds[folder] = id;
    } else unreachable.push({ folder, details: reach.details });
  }
  // Staging last: a missing staging folder is simply skipped by the change (ENOENT).
  return {
    reachable: [...reachable, stagingFolder],
    unreachable,
    destinations: reachable.length,
    destinationIds,
    stagingFolder,
  };
}

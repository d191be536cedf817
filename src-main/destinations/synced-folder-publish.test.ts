import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorkspace } from '../../test/main/backup/backup-test-support';
import { DRIVE, setupDestinations, SYNCED } from '../../test/main/destinations/destinations-test-support';
import { copyBackupInto } from '../fsx/copy-into-folder';
import type { CopyBackupInto } from './copy-to-destination';

// copyBackupInto publishes with a hard link (never replaces) except in a folder a sync client
// watches, where a second name would be seen and uploaded: the destinations say which is which.
const ws = useWorkspace();

describe('copies into destinations', () => {
  it('tell copyBackupInto which folder a sync client watches, so only that one is published by rename', async () => {
    const asked: { folder: string; syncedFolder: boolean | undefined }[] = [];
    const recording: CopyBackupInto = (source, folder, name, options) => {
      asked.push({ folder, syncedFolder: options.syncedFolder });
      return copyBackupInto(source, folder, name, options);
    };
    const { runner, catalogue, synced, drive } = await setupDestinations(ws, {
      cloudSync: (folder) => (folder.startsWith(join(ws.root, 'Dropbox')) ? 'dropbox' : null),
      heldFolder: () => join(ws.root, 'nothing-held'),
      copyBackupInto: recording,
    });
    const result = await runner.runScheduled();
    const name = basename(result.ok ? result.value.file : '');
    expect(catalogue.get(name)?.copies[SYNCED]?.state).toBe('verified');
    expect(asked).toContainEqual({ folder: synced, syncedFolder: true });
    expect(asked.filter((call) => call.folder === synced)).toHaveLength(1);
    // The unplugged drive is never reached; no other folder is taken for a synced one.
    expect(asked.filter((call) => call.folder !== synced && call.syncedFolder === true)).toEqual([]);
    expect(catalogue.get(name)?.copies[DRIVE]?.state).toBe('missing');
    expect(asked.some((call) => call.folder === drive)).toBe(false);
  });
});

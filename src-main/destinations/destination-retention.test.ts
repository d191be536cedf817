import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, PRIMARY_DESTINATION_ID } from '../../src-shared/settings';
import type { BackupDestination, Settings } from '../../src-shared/settings';
import { RetentionPreviewService } from '../app/retention-preview-service';
import { backupFileName } from '../backup/backup-names';
import { HOUR_MS } from '../schedule/next-run';
import { BackupCatalogue } from '../settings/backup-catalogue';
import { tempFolders } from '../../test/main/fsx/test-faults';
import { applyDestinationRetention } from './destination-retention';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const NOW = Date.parse('2026-06-17T12:00:00Z');
const MIB = 1024 * 1024;
const DRIVE = 'd0a1b2c3d';

async function bytesOnDisk(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += (await lstat(join(folder, name))).size;
  return total;
}

describe('retention in one destination', () => {
  it('deletes exactly what the preview showed, reading drills and copies from the catalogue', async () => {
    const folder = await folders.make();
    const destination: BackupDestination = {
      id: DRIVE,
      folder,
      retention: { keepLast: 5, thinDailyWeekly: false, capMegabytes: 15 },
    };
    const settings: Settings = {
      ...defaultSettings('linux'),
      backupFolder: await folders.make(),
      extraDestinations: [destination],
    };
    const catalogue = await BackupCatalogue.open(join(await folders.make(), 'backup-catalogue.json'), {
      now: () => NOW,
    });
    const names: string[] = [];
    for (const hoursAgo of [1, 2, 3, 4]) {
      const name = backupFileName(new Date(NOW - hoursAgo * HOUR_MS), 'scheduled');
      const handle = await open(join(folder, name), 'wx');
      await handle.truncate(10 * MIB);
      await handle.close();
      names.push(name);
      await catalogue.recordWritten(
        {
          name,
          kind: 'scheduled',
          createdAt: new Date(NOW - hoursAgo * HOUR_MS).toISOString(),
          size: 10 * MIB,
          fileSha256: 'c'.repeat(64),
          noteCount: 2,
          openWithDevice: true,
        },
        DRIVE,
      );
    }
    // The two newest copies on the drive failed their drills there: the third is the newest
    // verified one, so the cap (15 MiB for 40) must keep it and let the newer ones go.
    for (const name of names.slice(0, 2)) {
      await catalogue.recordDrill(name, DRIVE, { at: NOW, ok: false, noteCount: null, message: 'Damaged.' });
    }
    const preview = await new RetentionPreviewService({
      settings: { get: () => settings },
      verificationSources: () => ({ verifiedFiles: names, catalogue: catalogue.entries() }),
      now: () => NOW,
    }).preview(DRIVE);
    expect(preview.delete.map((entry) => entry.name)).toEqual([names[0], names[1], names[3]]);

    const before = await bytesOnDisk(folder);
    const deleted = await applyDestinationRetention(destination, {
      catalogue,
      verifiedFiles: names,
      now: NOW,
      log: (message) => expect.fail(message),
    });
    const after = await bytesOnDisk(folder);

    expect(deleted).toBe(preview.delete.length);
    expect(before - after).toBe(preview.freedBytes);
    expect(await readdir(folder)).toEqual([names[2]]);
    // What went is forgotten in this destination only.
    expect(catalogue.entries().map((entry) => entry.name)).toEqual([names[2]]);
  });

  // The history's names say "verified" only for the backup folder, and a copy recorded as failed
  // (the settle re-check found it cut or replaced by a sync client, or another file had the name)
  // is not verified anywhere: otherwise the bad newest copy is protected and the cap prunes the
  // good older ones, leaving only the bad one.
  it.each([
    ['an extra destination', DRIVE],
    ['the backup folder', PRIMARY_DESTINATION_ID],
  ])('in %s, a copy recorded as failed is not the newest verified one', async (_label, id) => {
    const folder = await folders.make();
    const destination: BackupDestination = {
      id,
      folder,
      retention: { keepLast: 5, thinDailyWeekly: false, capMegabytes: 1 },
    };
    const catalogue = await BackupCatalogue.open(join(await folders.make(), 'backup-catalogue.json'), {
      now: () => NOW,
    });
    const names: string[] = [];
    for (const hoursAgo of [1, 2, 3]) {
      const name = backupFileName(new Date(NOW - hoursAgo * HOUR_MS), 'scheduled');
      const handle = await open(join(folder, name), 'wx');
      await handle.truncate(600 * 1024);
      await handle.close();
      names.push(name);
      await catalogue.recordWritten(
        {
          name,
          kind: 'scheduled',
          createdAt: new Date(NOW - hoursAgo * HOUR_MS).toISOString(),
          size: 600 * 1024,
          fileSha256: 'c'.repeat(64),
          noteCount: 2,
          openWithDevice: true,
        },
        id,
      );
    }
    await catalogue.recordCopy(names[0]!, id, {
      state: 'failed',
      at: NOW,
      message: 'The copy changed after it was made.',
    });

    const deleted = await applyDestinationRetention(destination, {
      catalogue,
      // The history verified every one of them when it was written.
      verifiedFiles: names,
      now: NOW,
      log: (message) => expect.fail(message),
    });

    // 1 MiB holds one: the newest good copy stays, the failed one and the oldest go.
    expect(deleted).toBe(2);
    expect(await readdir(folder)).toEqual([names[1]]);
  });
});

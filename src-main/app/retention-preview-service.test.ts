import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { backupFileName } from '../backup/backup-names';
import { HOUR_MS } from '../schedule/next-run';
import { BackupCatalogue } from '../settings/backup-catalogue';
import { tempFolders } from '../../test/main/fsx/test-faults';
import { RetentionPreviewService } from './retention-preview-service';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const NOW = Date.parse('2026-06-17T12:00:00Z');
const MIB = 1024 * 1024;
const EXTRA = 'd0123abcd';

async function backupOf(folder: string, hoursAgo: number, bytes: number): Promise<string> {
  const name = backupFileName(new Date(NOW - hoursAgo * HOUR_MS), 'scheduled');
  const handle = await open(join(folder, name), 'wx');
  await handle.truncate(bytes);
  await handle.close();
  return name;
}

async function setUp() {
  const primary = await folders.make();
  const extra = await folders.make();
  const settings: Settings = {
    ...defaultSettings('linux'),
    backupFolder: primary,
    retention: { keepLast: 10, thinDailyWeekly: false, capMegabytes: null },
    extraDestinations: [
      { id: EXTRA, folder: extra, retention: { keepLast: 10, thinDailyWeekly: false, capMegabytes: 15 } },
    ],
  };
  const catalogue = await BackupCatalogue.open(join(await folders.make(), 'backup-catalogue.json'), {
    now: () => NOW,
  });
  const service = new RetentionPreviewService({
    settings: { get: () => settings },
    verificationSources: () => ({ verifiedFiles: [], catalogue: catalogue.entries() }),
    now: () => NOW,
  });
  return { primary, extra, settings, catalogue, service };
}

describe('RetentionPreviewService', () => {
  it("previews each destination with its own policy and the catalogue's copies and drills there", async () => {
    const { primary, extra, catalogue, service } = await setUp();
    const names = [];
    for (const hoursAgo of [1, 2, 3]) {
      const name = await backupOf(extra, hoursAgo, 8 * MIB);
      await backupOf(primary, hoursAgo, 8 * MIB);
      names.push(name);
      await catalogue.recordWritten(
        {
          name,
          kind: 'scheduled',
          createdAt: new Date(NOW - hoursAgo * HOUR_MS).toISOString(),
          size: 8 * MIB,
          fileSha256: 'a'.repeat(64),
          noteCount: 3,
          openWithDevice: true,
        },
        EXTRA,
      );
    }
    // The newest copy in the extra destination failed its drill there, so the one before it is the
    // newest verified copy: under the 15 MiB cap that one stays and the failed one goes.
    await catalogue.recordDrill(names[0]!, EXTRA, {
      at: NOW,
      ok: false,
      noteCount: null,
      message: `The backup "${names[0]!}" has changed since it was made.`,
    });

    const inExtra = await service.preview(EXTRA);
    expect(inExtra).toMatchObject({
      destinationId: EXTRA,
      freedBytes: 16 * MIB,
      keptBytes: 8 * MIB,
      keptCount: 1,
      capBytes: 15 * MIB,
      overCap: false,
    });
    expect(inExtra.delete.map((entry) => entry.name)).toEqual([names[0], names[2]]);

    // The backup folder has no cap: nothing goes there.
    expect(await service.preview('primary')).toMatchObject({ delete: [], keptCount: 3, capBytes: null });
  });

  it('keeps the newest good copy when the newer one failed its drill, even over the cap', async () => {
    const { extra, catalogue, service } = await setUp();
    const older = await backupOf(extra, 2, 15 * MIB);
    const newer = await backupOf(extra, 1, 15 * MIB);
    for (const name of [older, newer]) {
      await catalogue.recordWritten(
        {
          name,
          kind: 'scheduled',
          createdAt: new Date(NOW).toISOString(),
          size: 15 * MIB,
          fileSha256: 'b'.repeat(64),
          noteCount: 1,
          openWithDevice: true,
        },
        EXTRA,
      );
    }
    await catalogue.recordDrill(newer, EXTRA, { at: NOW, ok: false, noteCount: null, message: 'Damaged.' });
    const preview = await service.preview(EXTRA);
    // Without the drill result the newer one would be the verified one and the older would go.
    expect(preview.delete.map((entry) => entry.name)).toEqual([newer]);
    expect(preview).toMatchObject({ keptBytes: 15 * MIB, overCap: false });
  });

  it('refuses a destination that is not in Settings, and the backup folder before one is chosen', async () => {
    const { settings, service } = await setUp();
    await expect(service.preview('d99999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    settings.backupFolder = null;
    await expect(service.preview('primary')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Choose a backup folder in Settings first.',
    });
  });
});

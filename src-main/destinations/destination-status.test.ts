import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { useWorkspace } from '../../test/main/backup/backup-test-support';
import type { CatalogueEntry, CopyRecord } from '../settings/backup-catalogue';
import { destinationStatus } from './destination-status';

// pendingCount says what a catch-up would copy into a destination: only the newest backup it lacks
// (backup-destinations.ts, catchUp). A new destination is one backup behind, not the whole catalogue.
const ws = useWorkspace();
const retention = { keepLast: 10, thinDailyWeekly: false };

function entry(hour: number, copies: Record<string, CopyRecord>): CatalogueEntry {
  const stamp = `2026-12-0${hour}T00-00-00Z`;
  return {
    name: `NoteVault-${stamp}-scheduled.nvbak`,
    kind: 'scheduled',
    createdAt: `2026-12-0${hour}T00:00:00.000Z`,
    size: 100,
    fileSha256: 'a'.repeat(64),
    noteCount: 1,
    openWithDevice: true,
    copies,
  };
}

it('counts only the newest backup a destination lacks, as a catch-up copies only that', async () => {
  const folder = join(ws.root, 'usb');
  mkdirSync(folder);
  const destination = { id: 'd0000000a', folder, retention };
  const verified: CopyRecord = { state: 'verified', at: 1 };
  const pendingOf = async (entries: CatalogueEntry[]) =>
    (await destinationStatus(destination, entries, { cloudSync: null })).pendingCount;

  // Newest first, as BackupCatalogue.entries() gives them; none ever copied to the new destination.
  const history = [5, 4, 3, 2, 1].map((day) => entry(day, { primary: verified }));
  expect(await pendingOf(history)).toBe(1);
  // Older ones copied, the newest not.
  expect(await pendingOf([entry(6, { primary: verified }), entry(5, { d0000000a: verified })])).toBe(1);
  expect(await pendingOf([entry(6, { primary: verified, d0000000a: verified }), ...history])).toBe(0);
  expect(await pendingOf([])).toBe(0);
});

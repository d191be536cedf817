import { describe, expect, it } from 'vitest';
import { destinationItems } from './destination-rules';
import {
  DAY,
  EXTRA_ID,
  HOUR,
  NOW,
  entry,
  input,
  settings,
  verified,
  withExtra,
} from '../../test/main/health/health-test-support';

const ids = (items: { id: string; severity: string }[]) => items.map((i) => `${i.id}/${i.severity}`);

describe('destinationItems', () => {
  it('gives the last backup of each destination, from the catalogue', () => {
    const catalogue = [
      entry('new.nvbak', 2 * HOUR, { primary: verified(NOW), [EXTRA_ID]: verified(NOW) }, { noteCount: 1 }),
      entry('old.nvbak', 3 * DAY, { primary: verified(0), [EXTRA_ID]: verified(0) }),
    ];
    expect(destinationItems(input({ settings: withExtra(), catalogue }), NOW)).toEqual([
      {
        id: 'destination-last:primary',
        severity: 'ok',
        title: 'Backup folder',
        message: 'Last backup in /b: 2 hours ago, 1 note.',
      },
      {
        id: `destination-last:${EXTRA_ID}`,
        severity: 'ok',
        title: 'Extra destination',
        message: 'Last backup in /usb: 2 hours ago, 1 note.',
      },
    ]);
  });

  it("falls back to the backup history for the backup folder's backups made before the catalogue", () => {
    expect(destinationItems(input(), NOW)).toEqual([
      {
        id: 'destination-last:primary',
        severity: 'ok',
        title: 'Backup folder',
        message: 'Last backup in /b: 1 hour ago.',
      },
    ]);
    expect(destinationItems(input({ settings: settings({ backupFolder: null }) }), NOW)).toEqual([]);
  });

  it('warns about a destination that cannot be reached, with why in the details', () => {
    const items = destinationItems(
      input({
        settings: withExtra(),
        destinations: [
          { id: 'primary', reachable: true },
          { id: EXTRA_ID, reachable: false, problem: 'The drive is not connected.', details: 'ENOENT: /usb' },
        ],
      }),
      NOW,
    );
    expect(items.find((i) => i.id === `destination-missing:${EXTRA_ID}`)).toEqual({
      id: `destination-missing:${EXTRA_ID}`,
      severity: 'warning',
      title: 'Extra destination',
      message:
        '/usb cannot be reached: plug in its drive or connect to it, or choose another folder; NoteVault copies the missing backups there when it returns.',
      details: 'The drive is not connected.\nENOENT: /usb',
      action: { kind: 'open-settings', label: 'Open Settings' },
    });
    const primaryGone = destinationItems(input({ destinations: [{ id: 'primary', reachable: false }] }), NOW);
    expect(primaryGone[0]?.action).toEqual({ kind: 'choose-folder', label: 'Choose a backup folder' });
  });

  it('is a problem when the newest copy failed, with its reason, and offers the catch-up', () => {
    const catalogue = [
      entry('new.nvbak', HOUR, {
        primary: verified(NOW),
        [EXTRA_ID]: {
          state: 'failed',
          at: NOW,
          message: 'The copy in /usb differs from the backup.',
          details: 'sha256 mismatch',
        },
      }),
      entry('old.nvbak', DAY, { primary: verified(0), [EXTRA_ID]: verified(0) }),
    ];
    const items = destinationItems(input({ settings: withExtra(), catalogue }), NOW);
    expect(items.find((i) => i.id === `copy-failed:${EXTRA_ID}`)).toEqual({
      id: `copy-failed:${EXTRA_ID}`,
      severity: 'problem',
      title: 'Extra destination',
      message: 'The copy of "new.nvbak" to /usb failed: the copy in /usb differs from the backup.',
      details: 'sha256 mismatch',
      action: { kind: 'catch-up', label: 'Copy missing backups now' },
    });
    // An older failure, since verified again, is over.
    const healed = [
      catalogue[1]!,
      entry('newer.nvbak', 0, { primary: verified(NOW), [EXTRA_ID]: verified(NOW) }),
    ];
    const failedBefore = [{ ...catalogue[0]!, createdAt: new Date(NOW - 2 * DAY).toISOString() }, ...healed];
    expect(ids(destinationItems(input({ settings: withExtra(), catalogue: failedBefore }), NOW))).toEqual([
      'destination-last:primary/ok',
      `destination-last:${EXTRA_ID}/ok`,
    ]);
    // Without the catch-up channel, the fix is a new backup.
    const noCatchUp = destinationItems(
      input({ settings: withExtra(), catalogue, can: { runDrill: true, catchUp: false } }),
      NOW,
    );
    expect(noCatchUp.find((i) => i.id === `copy-failed:${EXTRA_ID}`)?.action?.kind).toBe('back-up-now');
  });

  it('warns when a reachable extra destination lacks the newest backup, and offers the catch-up', () => {
    const catalogue = [
      entry('new.nvbak', HOUR, { primary: verified(NOW), [EXTRA_ID]: { state: 'missing', at: NOW } }),
      entry('old.nvbak', DAY, { primary: verified(0), [EXTRA_ID]: verified(0) }),
    ];
    const items = destinationItems(input({ settings: withExtra(), catalogue }), NOW);
    expect(ids(items)).toEqual([
      'destination-last:primary/ok',
      `destination-behind:${EXTRA_ID}/warning`,
      `destination-last:${EXTRA_ID}/ok`,
    ]);
    expect(items[1]?.message).toBe(
      '/usb does not have the newest backup yet: copy the missing backups there now.',
    );
    expect(items[1]?.action?.kind).toBe('catch-up');
    // While it cannot be reached, "missing" says it all.
    const away = destinationItems(
      input({ settings: withExtra(), catalogue, destinations: [{ id: EXTRA_ID, reachable: false }] }),
      NOW,
    );
    expect(ids(away)).toEqual([
      'destination-last:primary/ok',
      `destination-missing:${EXTRA_ID}/warning`,
      `destination-last:${EXTRA_ID}/ok`,
    ]);
  });

  it('warns about an extra destination no backup reached yet', () => {
    const items = destinationItems(input({ settings: withExtra(), catalogue: [] }), NOW);
    expect(items[1]).toEqual({
      id: `destination-empty:${EXTRA_ID}`,
      severity: 'warning',
      title: 'Extra destination',
      message: 'No backup has been copied to /usb yet: back up now, and NoteVault copies it there too.',
      action: { kind: 'back-up-now', label: 'Back up now' },
    });
  });
});

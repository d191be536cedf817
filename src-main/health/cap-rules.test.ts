import { describe, expect, it } from 'vitest';
import { capItems } from './cap-rules';
import { EXTRA_ID, input, settings, withExtra } from '../../test/main/health/health-test-support';

const MB = 1024 * 1024;
const capped = (capMegabytes: number) =>
  settings({ retention: { keepLast: 10, thinDailyWeekly: true, capMegabytes } });

describe('capItems', () => {
  it('says nothing without a cap, or well under it', () => {
    expect(capItems(input({ destinations: [{ id: 'primary', reachable: true, usageBytes: 9e12 }] }))).toEqual(
      [],
    );
    expect(
      capItems(
        input({
          settings: capped(100),
          destinations: [{ id: 'primary', reachable: true, usageBytes: 89 * MB }],
        }),
      ),
    ).toEqual([]);
  });

  it('warns at 90% of the cap, measured in the folder', () => {
    expect(
      capItems(
        input({
          settings: capped(100),
          destinations: [{ id: 'primary', reachable: true, usageBytes: 90 * MB }],
        }),
      ),
    ).toEqual([
      {
        id: 'cap-near:primary',
        severity: 'warning',
        title: 'Backup folder',
        message: 'The backups in /b take 90.0 MB of its 100.0 MB cap: review what the next clean-up removes.',
        action: { kind: 'review-retention', label: 'Review the clean-up' },
      },
    ]);
  });

  it("is a problem when retention's plan is over the cap with only protected backups left", () => {
    const s = withExtra({
      extraDestinations: [
        {
          id: EXTRA_ID,
          folder: '/usb',
          retention: { keepLast: 3, thinDailyWeekly: false, capMegabytes: 1024 },
        },
      ],
    });
    const items = capItems(
      input({
        settings: s,
        retention: [
          { destinationId: EXTRA_ID, keptBytes: 1.5 * 1024 * MB, capBytes: 1024 * MB, overCap: true },
        ],
      }),
    );
    expect(items).toEqual([
      {
        id: `cap-over:${EXTRA_ID}`,
        severity: 'problem',
        title: 'Extra destination',
        message:
          'The backups NoteVault must keep in /usb take 1.5 GB, more than its 1.0 GB cap, and clean-up never deletes them: raise the cap, or free space on that drive.',
        action: { kind: 'review-retention', label: 'Review the clean-up' },
      },
    ]);
  });

  it("uses retention's kept bytes when the folder was not measured", () => {
    const items = capItems(
      input({
        settings: capped(100),
        retention: [{ destinationId: 'primary', keptBytes: 95 * MB, capBytes: 100 * MB, overCap: false }],
      }),
    );
    expect(items.map((i) => i.id)).toEqual(['cap-near:primary']);
  });
});

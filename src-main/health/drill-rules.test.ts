import { describe, expect, it } from 'vitest';
import { drillItems } from './drill-rules';
import { DAY, HOUR, NOW, entry, input, settings, verified } from '../../test/main/health/health-test-support';

const ok = (at: number, noteCount = 3104) => ({ at, ok: true, noteCount, message: null });
const ids = (items: { id: string; severity: string }[]) => items.map((i) => `${i.id}/${i.severity}`);

describe('drillItems', () => {
  it('says nothing without a catalogue or before any backup is in it', () => {
    expect(drillItems(input({ catalogue: null }), NOW)).toEqual([]);
    expect(drillItems(input({ catalogue: [] }), NOW)).toEqual([]);
  });

  it('reports the last verified restore with its note count and age', () => {
    const catalogue = [
      entry('new.nvbak', DAY, { primary: verified(NOW - DAY, { lastDrill: ok(NOW - 2 * DAY + HOUR) }) }),
      entry('old.nvbak', 5 * DAY, { primary: verified(NOW - 5 * DAY, { lastDrill: ok(NOW - 3 * DAY, 12) }) }),
    ];
    expect(drillItems(input({ catalogue }), NOW)).toEqual([
      {
        id: 'drill-last',
        severity: 'ok',
        title: 'Restore test',
        message: 'Last verified restore: 3,104 notes, 47 hours ago.',
      },
    ]);
  });

  it('names the file and what failed for each failed drill, with its details, and offers a new backup', () => {
    const failed = {
      at: NOW - HOUR,
      ok: false,
      noteCount: null,
      message: 'The backup "a.nvbak" has changed since it was made (1 byte differs): make a new backup now.',
      details: 'SHA-256 differs at /usb/a.nvbak',
    };
    const catalogue = [
      entry('a.nvbak', 2 * HOUR, { primary: verified(NOW), d0a1b2c3d: verified(NOW, { lastDrill: failed }) }),
    ];
    const [item] = drillItems(input({ catalogue }), NOW);
    expect(item).toEqual({
      id: 'drill-failed:d0a1b2c3d:a.nvbak',
      severity: 'problem',
      title: 'Restore test failed',
      message: failed.message,
      details: failed.details,
      action: { kind: 'back-up-now', label: 'Back up now' },
    });
  });

  it('says when the newest backup was never drilled: fine until a drill was due, then a warning', () => {
    const older = entry('old.nvbak', 10 * DAY, { primary: verified(0, { lastDrill: ok(NOW - 3 * DAY) }) });
    const fresh = entry('new.nvbak', 2 * DAY, { primary: verified(NOW) });
    expect(ids(drillItems(input({ catalogue: [older, fresh] }), NOW))).toEqual([
      'drill-last/ok',
      'drill-newest-untested/ok',
    ]);
    const untested = drillItems(input({ catalogue: [older, fresh] }), NOW)[1]!;
    expect(untested.message).toMatch(
      /^The newest backup \(.+\) has never been test-restored: test it now\.$/,
    );
    expect(untested.action).toEqual({ kind: 'run-drill', label: 'Test a restore now' });

    const stale = entry('new.nvbak', 8 * DAY, { primary: verified(NOW) });
    expect(ids(drillItems(input({ catalogue: [older, stale] }), NOW))).toContain(
      'drill-newest-untested/warning',
    );
    // Daily drills: a two-day-old backup should have been drilled already.
    const daily = input({ catalogue: [older, fresh], settings: settings({ drillSchedule: 'daily' }) });
    expect(ids(drillItems(daily, NOW))).toContain('drill-newest-untested/warning');
    // Drills off: nothing will test it.
    const off = input({ catalogue: [fresh], settings: settings({ drillSchedule: 'off' }) });
    expect(ids(drillItems(off, NOW))).toEqual(['drill-newest-untested/warning']);
  });

  it('sends a backup the device key does not open to Settings, where the passkey is asked for', () => {
    const manual = entry('m.nvbak', 9 * DAY, { primary: verified(NOW) }, { openWithDevice: false });
    const [item] = drillItems(input({ catalogue: [manual] }), NOW);
    expect(item?.message).toMatch(/test it in Settings with its passkey\.$/);
    expect(item?.action).toEqual({ kind: 'open-settings', label: 'Open Settings' });
  });

  it('offers no drill button while the app cannot run drills', () => {
    const fresh = entry('new.nvbak', 9 * DAY, { primary: verified(NOW) });
    const [item] = drillItems(input({ catalogue: [fresh], can: { runDrill: false, catchUp: true } }), NOW);
    expect(item?.id).toBe('drill-newest-untested');
    expect(item?.action).toBeUndefined();
  });

  it('warns when drills are overdue by twice their interval, not after one missed drill', () => {
    const drilledAt = (ago: number) => [
      entry('a.nvbak', 30 * DAY, { primary: verified(0, { lastDrill: ok(NOW - ago) }) }),
    ];
    expect(ids(drillItems(input({ catalogue: drilledAt(13 * DAY) }), NOW))).toEqual(['drill-last/ok']);
    const overdue = drillItems(input({ catalogue: drilledAt(15 * DAY) }), NOW);
    expect(overdue.at(-1)).toEqual({
      id: 'drill-overdue',
      severity: 'warning',
      title: 'Restore test',
      message:
        'The last restore test was 15 days ago, but restore tests are scheduled weekly: test a restore now.',
      action: { kind: 'run-drill', label: 'Test a restore now' },
    });
    const monthly = settings({ drillSchedule: 'monthly' });
    expect(ids(drillItems(input({ catalogue: drilledAt(59 * DAY), settings: monthly }), NOW))).toEqual([
      'drill-last/ok',
    ]);
    expect(ids(drillItems(input({ catalogue: drilledAt(61 * DAY), settings: monthly }), NOW))).toContain(
      'drill-overdue/warning',
    );
    const off = settings({ drillSchedule: 'off' });
    expect(ids(drillItems(input({ catalogue: drilledAt(90 * DAY), settings: off }), NOW))).toEqual([
      'drill-last/ok',
    ]);
  });
});

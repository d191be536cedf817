import { describe, expect, it } from 'vitest';
import { backupHealth } from './backup-run-rules';
import type { BackupHealthInput } from './backup-run-rules';
import { DAY, HOUR, NOW, run } from '../../test/main/tray/tray-test-support';

function input(overrides: Partial<BackupHealthInput> = {}): BackupHealthInput {
  return { schedule: 'daily', lastSuccess: NOW - HOUR, lastRun: run(), recentBackups: [], ...overrides };
}

const kinds = (i: BackupHealthInput) => backupHealth(i, NOW).map((w) => w.kind);

describe('backupHealth', () => {
  it('is quiet when backups are recent and fine', () => {
    expect(backupHealth(input(), NOW)).toEqual([]);
  });

  it('warns when no backup succeeded for twice the interval, not after one missed run', () => {
    expect(kinds(input({ lastSuccess: NOW - 47 * HOUR }))).toEqual([]);
    expect(backupHealth(input({ lastSuccess: NOW - 49 * HOUR }), NOW)).toEqual([
      {
        kind: 'stale',
        message: 'The last successful backup was 2 days ago, but backups are scheduled daily.',
      },
    ]);
    expect(kinds(input({ schedule: 'hourly', lastSuccess: NOW - 3 * HOUR }))).toEqual(['stale']);
    expect(kinds(input({ schedule: 'weekly', lastSuccess: NOW - 13 * DAY }))).toEqual([]);
    expect(kinds(input({ schedule: 'weekly', lastSuccess: NOW - 15 * DAY }))).toEqual(['stale']);
  });

  it('does not call backups stale while scheduling is off', () => {
    expect(kinds(input({ schedule: 'off', lastSuccess: NOW - 90 * DAY }))).toEqual([]);
    expect(kinds(input({ schedule: 'off', lastSuccess: null, lastRun: null }))).toEqual([]);
  });

  it('warns when scheduling is on and nothing ever succeeded', () => {
    expect(kinds(input({ lastSuccess: null, lastRun: null }))).toEqual(['never-succeeded']);
  });

  it('warns when the last scheduled run failed, but not for a failed manual one', () => {
    const failed = run({ ok: false, message: 'The drive is full.', startedAt: NOW - 2 * HOUR });
    expect(backupHealth(input({ lastRun: failed }), NOW)).toEqual([
      {
        kind: 'last-run-failed',
        message: 'The last scheduled backup (2 hours ago) failed: The drive is full.',
      },
    ]);
    expect(kinds(input({ lastRun: { ...failed, kind: 'manual' } }))).toEqual([]);
  });

  it("carries a failed run's details beside its sentence, for the banner's disclosure", () => {
    const failed = run({
      ok: false,
      message:
        'There is not enough free disk space: free some space or choose another folder, then try again.',
      details: 'Could not write "/b/.tmp-1.nvbak": the drive is full (ENOSPC).',
      startedAt: NOW - HOUR,
    });
    expect(backupHealth(input({ lastRun: failed }), NOW)).toEqual([
      {
        kind: 'last-run-failed',
        message:
          'The last scheduled backup (1 hour ago) failed: There is not enough free disk space: free some space or choose another folder, then try again.',
        details: 'Could not write "/b/.tmp-1.nvbak": the drive is full (ENOSPC).',
      },
    ]);
  });

  it('warns when the newest backup holds under half the notes and at least 10 fewer', () => {
    const backups = (newest: number, previous: number) => [
      { noteCount: previous, createdAt: NOW - DAY },
      { noteCount: newest, createdAt: NOW - HOUR },
      { noteCount: 5, createdAt: NOW - 2 * DAY }, // older backups do not matter
    ];
    expect(kinds(input({ recentBackups: backups(12, 250) }))).toEqual(['note-count-drop']);
    expect(backupHealth(input({ recentBackups: backups(12, 250) }), NOW)[0]?.message).toMatch(
      /^The newest backup holds 12 notes, the one before held 250 notes\./,
    );
    // One note is "1 note", not "1 notes" (issue #14).
    expect(backupHealth(input({ recentBackups: backups(1, 20) }), NOW)[0]?.message).toMatch(
      /^The newest backup holds 1 note, the one before held 20 notes\./,
    );
    expect(kinds(input({ recentBackups: backups(1, 3) }))).toEqual([]); // under half, but only 2 fewer
    expect(kinds(input({ recentBackups: backups(130, 250) }))).toEqual([]); // 120 fewer, but not under half
    expect(kinds(input({ recentBackups: backups(10, 20) }))).toEqual([]); // exactly half
    expect(kinds(input({ recentBackups: backups(9, 20) }))).toEqual(['note-count-drop']);
    expect(kinds(input({ recentBackups: backups(400, 250) }))).toEqual([]);
    expect(kinds(input({ recentBackups: [{ noteCount: 0, createdAt: NOW }] }))).toEqual([]);
  });

  it('can report several problems at once', () => {
    const failed = run({ ok: false, message: 'x', startedAt: NOW - HOUR });
    expect(kinds(input({ lastSuccess: NOW - 5 * DAY, lastRun: failed }))).toEqual([
      'stale',
      'last-run-failed',
    ]);
  });
});

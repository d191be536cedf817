import { describe, expect, it } from 'vitest';
import { healthReport } from './health-report';
import { backupRunItems } from './backup-run-rules';
import {
  DAY,
  HOUR,
  NOW,
  entry,
  input,
  run,
  settings,
  verified,
} from '../../test/main/health/health-test-support';

describe('healthReport', () => {
  it('is fine and says the last verified restore when nothing needs attention', () => {
    const catalogue = [
      entry('a.nvbak', HOUR, {
        primary: verified(NOW, {
          lastDrill: { at: NOW - 2 * DAY, ok: true, noteCount: 3104, message: null },
        }),
      }),
    ];
    const report = healthReport(input({ catalogue }), NOW);
    expect(report.worst).toBe('ok');
    expect(report.summary).toBe('Last verified restore: 3,104 notes, 2 days ago.');
    expect(report.at).toBe(NOW);
    expect(report.items.every((i) => i.severity === 'ok')).toBe(true);
  });

  it('says the last backup when nothing was drilled yet, and "No backup yet." before any', () => {
    expect(healthReport(input({ catalogue: null }), NOW).summary).toBe('Last backup 1 hour ago.');
    const none = input({
      settings: settings({ schedule: 'off' }),
      status: { lastRun: null, lastSuccess: null, recentSuccesses: [] },
    });
    expect(healthReport(none, NOW)).toEqual({ at: NOW, worst: 'ok', summary: 'No backup yet.', items: [] });
  });

  it('puts problems first, then warnings, then what is fine, and summarises the worst', () => {
    const failed = run({ ok: false, message: 'The drive is full.', startedAt: NOW - 2 * HOUR });
    const catalogue = [entry('a.nvbak', 9 * DAY, { primary: verified(NOW) })];
    const report = healthReport(
      input({
        catalogue,
        status: { lastRun: failed, lastSuccess: run({ startedAt: NOW - 9 * DAY }), recentSuccesses: [] },
      }),
      NOW,
    );
    expect(report.items.map((i) => `${i.id}/${i.severity}`)).toEqual([
      'backup-stale/problem',
      'backup-last-run-failed/problem',
      'drill-newest-untested/warning',
      'destination-last:primary/ok',
    ]);
    expect(report.worst).toBe('problem');
    expect(report.summary).toBe(
      'The last successful backup was 9 days ago, but backups are scheduled daily.',
    );
  });

  it("sorts across rules: a later rule's problem comes before an earlier rule's warning", () => {
    const drop = [
      run({ noteCount: 3, startedAt: NOW - HOUR }),
      run({ noteCount: 200, startedAt: NOW - DAY }),
    ];
    const failedDrill = {
      at: NOW - HOUR,
      ok: false,
      noteCount: null,
      message: 'The backup "a.nvbak" is damaged.',
    };
    const report = healthReport(
      input({
        status: { lastRun: drop[0]!, lastSuccess: drop[0]!, recentSuccesses: drop },
        catalogue: [entry('a.nvbak', HOUR, { primary: verified(NOW, { lastDrill: failedDrill }) })],
      }),
      NOW,
    );
    expect(report.items.map((i) => i.id).slice(0, 2)).toEqual([
      'drill-failed:primary:a.nvbak',
      'backup-note-count-drop',
    ]);
  });

  it('asks for a backup folder first when none is chosen', () => {
    const report = healthReport(
      input({
        settings: settings({ backupFolder: null, schedule: 'off' }),
        status: { lastRun: null, lastSuccess: null, recentSuccesses: [] },
      }),
      NOW,
    );
    expect(report.items).toEqual([
      {
        id: 'backup-folder-missing',
        severity: 'warning',
        title: 'Backup folder',
        message: 'No backup folder is chosen yet: choose one, and NoteVault can back up your notes.',
        action: { kind: 'choose-folder', label: 'Choose a backup folder' },
      },
    ]);
    expect(report.summary).toBe(report.items[0]!.message);
  });
});

describe('backupRunItems', () => {
  it("turns the backup warnings into items with their severity and fix (the banner's rules, one source)", () => {
    const base = { schedule: 'daily' as const, lastSuccess: NOW - 5 * DAY, recentBackups: [] };
    const failed = run({
      ok: false,
      message: 'x',
      details: 'ENOSPC',
      remedy: 'settings',
      startedAt: NOW - HOUR,
    });
    expect(backupRunItems({ ...base, lastRun: failed }, NOW)).toEqual([
      {
        id: 'backup-stale',
        severity: 'problem',
        title: 'Backups are overdue',
        message: 'The last successful backup was 5 days ago, but backups are scheduled daily.',
        action: { kind: 'back-up-now', label: 'Back up now' },
      },
      {
        id: 'backup-last-run-failed',
        severity: 'problem',
        title: 'The last backup failed',
        message: 'The last scheduled backup (1 hour ago) failed: x',
        details: 'ENOSPC',
        action: { kind: 'open-settings', label: 'Open Settings' },
      },
    ]);
    const drop = backupRunItems(
      {
        ...base,
        lastSuccess: NOW,
        lastRun: null,
        recentBackups: [
          { noteCount: 3, createdAt: NOW },
          { noteCount: 200, createdAt: NOW - DAY },
        ],
      },
      NOW,
    );
    expect(drop).toEqual([expect.objectContaining({ id: 'backup-note-count-drop', severity: 'warning' })]);
    expect(drop[0]?.action).toBeUndefined();
  });
});

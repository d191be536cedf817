import { describe, expect, it } from 'vitest';
import { formatAgo } from './relative-time';
import { MAX_TOOLTIP_CHARS, trayTooltip } from './tray-tooltip';
import { DAY, HOUR, MINUTE, NOW, run, trayState } from '../../test/main/tray/tray-test-support';

describe('trayTooltip', () => {
  it('says when the last backup was and that it succeeded', () => {
    expect(trayTooltip(trayState(), NOW)).toBe('NoteVault — last backup 5 min ago, succeeded');
  });

  it('says why the last backup failed', () => {
    const state = trayState({
      lastRun: run({ ok: false, message: 'The drive is full.', startedAt: NOW - 2 * HOUR }),
    });
    expect(trayTooltip(state, NOW)).toBe('NoteVault — last backup 2 hours ago, failed: The drive is full.');
  });

  it('covers no backup yet and a running backup', () => {
    expect(trayTooltip(trayState({ lastRun: null }), NOW)).toBe('NoteVault — no backup yet');
    expect(trayTooltip(trayState({ busy: true }), NOW)).toBe('NoteVault — backing up…');
  });

  it('counts warnings other than the failure it already shows', () => {
    const failed = run({ ok: false, message: 'Drive missing.' });
    const state = trayState({
      lastRun: failed,
      warnings: [
        { kind: 'last-run-failed', message: 'x' },
        { kind: 'stale', message: 'y' },
      ],
    });
    expect(trayTooltip(state, NOW)).toBe(
      'NoteVault — last backup 5 min ago, failed: Drive missing.\n1 warning: see the menu',
    );
  });

  it('stays within the Windows limit of 127 characters and keeps the warning count', () => {
    const state = trayState({
      lastRun: run({ ok: false, message: 'x'.repeat(500) }),
      warnings: [
        { kind: 'stale', message: 'a' },
        { kind: 'note-count-drop', message: 'b' },
      ],
    });
    const tooltip = trayTooltip(state, NOW);
    expect(tooltip.length).toBe(MAX_TOOLTIP_CHARS);
    expect(tooltip.endsWith('…\n2 warnings: see the menu')).toBe(true);
  });
});

describe('formatAgo', () => {
  it('reads naturally from seconds to days', () => {
    expect(formatAgo(NOW - 10_000, NOW)).toBe('just now');
    expect(formatAgo(NOW + 10 * MINUTE, NOW)).toBe('just now');
    expect(formatAgo(NOW - MINUTE, NOW)).toBe('1 min ago');
    expect(formatAgo(NOW - 59 * MINUTE, NOW)).toBe('59 min ago');
    expect(formatAgo(NOW - HOUR, NOW)).toBe('1 hour ago');
    expect(formatAgo(NOW - 47 * HOUR, NOW)).toBe('47 hours ago');
    expect(formatAgo(NOW - 3 * DAY, NOW)).toBe('3 days ago');
  });
});

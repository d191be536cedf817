import { describe, expect, it } from 'vitest';
import { formatAgo } from './relative-time';
import { MAX_TOOLTIP_CHARS, trayTooltip } from './tray-tooltip';
import { DAY, HOUR, MINUTE, NOW, health, trayState } from '../../test/main/tray/tray-test-support';

describe('trayTooltip', () => {
  it("is one line: the health report's summary", () => {
    expect(trayTooltip(trayState())).toBe('NoteVault — Last verified restore: 120 notes, 2 days ago.');
    expect(trayTooltip(trayState({ health: health([], 'Last backup 5 min ago.\n') }))).toBe(
      'NoteVault — Last backup 5 min ago.',
    );
  });

  it('says a backup is running instead', () => {
    expect(trayTooltip(trayState({ busy: true }))).toBe('NoteVault — backing up…');
  });

  it('counts the other items that need attention, never the fine ones', () => {
    const state = trayState({
      health: health(
        [
          { id: 'a', severity: 'problem', title: 'A', message: 'The drive is full.' },
          { id: 'b', severity: 'warning', title: 'B', message: 'b' },
          { id: 'c', severity: 'ok', title: 'C', message: 'c' },
        ],
        'The drive is full.',
      ),
    });
    expect(trayTooltip(state)).toBe('NoteVault — The drive is full. (+1 more)');
  });

  it('stays within the Windows limit of 127 characters and keeps the count', () => {
    const items = ['a', 'b', 'c'].map((id) => ({ id, severity: 'warning' as const, title: id, message: id }));
    const tooltip = trayTooltip(trayState({ health: health(items, 'x'.repeat(500)) }));
    expect(tooltip.length).toBe(MAX_TOOLTIP_CHARS);
    expect(tooltip.endsWith('x… (+2 more)')).toBe(true);
    expect(tooltip).not.toContain('\n');
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

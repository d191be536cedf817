import { describe, expect, it } from 'vitest';
import { drillText } from './drill-text';

const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;

describe('drillText', () => {
  it('says how many notes the last good drill restored and how long ago', () => {
    expect(drillText({ at: NOW - 2 * DAY, ok: true, noteCount: 3104, message: null }, NOW)).toBe(
      `Last verified restore: ${(3104).toLocaleString()} notes, 2 days ago`,
    );
    expect(drillText({ at: NOW - 5 * 60_000, ok: true, noteCount: 1, message: null }, NOW)).toBe(
      'Last verified restore: 1 note, 5 min ago',
    );
  });

  it('gives a failed drill its own sentence', () => {
    const failed = {
      at: NOW,
      ok: false,
      noteCount: null,
      message: 'The backup "b.nvbak" is shorter than when it was made.',
    };
    expect(drillText(failed, NOW)).toBe(
      'Restore test failed: The backup "b.nvbak" is shorter than when it was made.',
    );
  });

  it('says a backup never drilled is not tested yet', () => {
    expect(drillText(null, NOW)).toBe('Not tested yet');
    expect(drillText(undefined, NOW)).toBe('Not tested yet');
  });
});

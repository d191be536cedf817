import { describe, expect, it } from 'vitest';
import { displayTitle, firstLine, formatClockTime, formatListDate } from './format';

describe('format', () => {
  it('shows a 24-hour HH:MM time', () => {
    expect(formatClockTime(new Date(2026, 0, 2, 9, 5).getTime())).toBe('09:05');
    expect(formatClockTime(new Date(2026, 0, 2, 23, 59).getTime())).toBe('23:59');
  });

  it('shows the time for today and the date for older edits', () => {
    const now = new Date(2026, 4, 10, 18, 0).getTime();
    expect(formatListDate(new Date(2026, 4, 10, 7, 30).getTime(), now)).toBe('07:30');
    expect(formatListDate(new Date(2025, 4, 10, 7, 30).getTime(), now)).toMatch(/2025/);
  });

  it('takes the first line of a body, shortened', () => {
    expect(firstLine('\n  first\nsecond')).toBe('first');
    expect(firstLine('x'.repeat(130), 120)).toBe(`${'x'.repeat(120)}…`);
  });

  it('names untitled notes', () => {
    expect(displayTitle('  ')).toBe('Untitled');
    expect(displayTitle('Plan')).toBe('Plan');
  });
});

import { describe, expect, it } from 'vitest';
import { displayTitle, formatClockTime, formatListDate, formatMatchCount, formatNoteCount } from './format';

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

  it('names untitled notes', () => {
    expect(displayTitle('  ')).toBe('Untitled');
    expect(displayTitle('Plan')).toBe('Plan');
  });

  it('counts notes, saying how many are loaded while some are not', () => {
    expect(formatNoteCount(1, 1)).toBe('1 note');
    expect(formatNoteCount(0, 0)).toBe('0 notes');
    expect(formatNoteCount(150, 150)).toBe('150 notes');
    expect(formatNoteCount(100, 150)).toBe('100 of 150 notes');
    expect(formatNoteCount(100, 100_000)).toMatch(/^100 of 100.000 notes$/);
  });

  it('counts search matches, with a + while more may follow', () => {
    expect(formatMatchCount(1, true)).toBe('1 matching note');
    expect(formatMatchCount(3, true)).toBe('3 matching notes');
    expect(formatMatchCount(50, false)).toBe('50+ matching notes');
  });
});

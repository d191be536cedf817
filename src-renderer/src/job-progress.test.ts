import { describe, expect, it } from 'vitest';
import { aboutDuration, percentOf, phaseText, timeLeftText } from './job-progress';

describe('job progress wording', () => {
  it('turns bytes into a clamped whole percentage', () => {
    expect(percentOf(null)).toBe(0);
    expect(percentOf({ phase: 'encrypting', bytesDone: 0, bytesTotal: 0 })).toBe(0);
    expect(percentOf({ phase: 'encrypting', bytesDone: 999, bytesTotal: 1000 })).toBe(99);
    expect(percentOf({ phase: 'encrypting', bytesDone: 1200, bytesTotal: 1000 })).toBe(100);
  });

  it('names phases for people', () => {
    expect(phaseText('safety-backup')).toBe('Making a safety backup of your current notes…');
  });
});

describe('time wording', () => {
  it('rounds a duration to seconds, then minutes', () => {
    expect(aboutDuration(0.4)).toBe('about 1 second');
    expect(aboutDuration(4.2)).toBe('about 4 seconds');
    expect(aboutDuration(89)).toBe('about 89 seconds');
    expect(aboutDuration(150)).toBe('about 3 minutes');
  });

  it('says nothing until there is an estimate, then the time left', () => {
    expect(timeLeftText(null)).toBe('');
    expect(timeLeftText(0)).toBe('Almost done.');
    expect(timeLeftText(7)).toBe('About 7 seconds left.');
    expect(timeLeftText(60)).toBe('About 60 seconds left.');
  });
});

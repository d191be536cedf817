import { describe, expect, it } from 'vitest';
import { percentOf, phaseText } from './job-progress';

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

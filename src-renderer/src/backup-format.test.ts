import { describe, expect, it } from 'vitest';
import { formatBytes } from './backup-format';

describe('formatBytes', () => {
  it('uses decimal units with one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(45_000_000)).toBe('45 MB');
    expect(formatBytes(3_000_000_000_000_000)).toBe('3000 TB');
  });
});

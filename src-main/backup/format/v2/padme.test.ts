import { describe, expect, it } from 'vitest';
import { padme } from './padme';
import { expectThrows } from '../../../../test/main/backup/format/test-support';

describe('padme', () => {
  it('gives the values docs/backup-format.md section 15 lists', () => {
    expect(padme(0)).toBe(0);
    expect(padme(1)).toBe(1);
    expect(padme(9)).toBe(10);
    expect(padme(129)).toBe(144);
    expect(padme(4096)).toBe(4096);
    expect(padme(1000000)).toBe(1015808);
  });

  it('never shrinks, is idempotent, adds at most 11.7 % (the most at 129) and under 3.2 % from 1 MiB', () => {
    let worst = { length: 0, overhead: 0 };
    const wrong: number[] = [];
    for (let length = 1; length <= 200_000; length++) {
      const padded = padme(length);
      if (padded < length || padme(padded) !== padded) wrong.push(length);
      const overhead = (padded - length) / length;
      if (overhead > worst.overhead) worst = { length, overhead };
    }
    expect(wrong).toEqual([]);
    expect(worst.length).toBe(129);
    expect(worst.overhead).toBeLessThan(0.117);
    for (let length = 1024 * 1024; length < 2 ** 53; length = length * 3 + 1) {
      expect((padme(length) - length) / length).toBeLessThan(0.032);
    }
  });

  it('is exact up to 2^53 - 1, beyond 32-bit bitwise operators and float rounding of L + 2^z - 1', () => {
    // Values computed independently with Python's unbounded integers.
    expect(padme(2 ** 31 + 5)).toBe(2214592512);
    expect(padme(2 ** 32 + 1)).toBe(4362076160);
    expect(padme(123456789012345)).toBe(124244813938688);
    expect(padme(5e15)).toBe(5066549580791808);
    expect(padme(Number.MAX_SAFE_INTEGER)).toBe(2 ** 53);
    expect(padme(2 ** 52)).toBe(2 ** 52);
  });

  it('refuses lengths that are not whole, safe, non-negative numbers', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expectThrows(() => padme(bad), 'INTERNAL');
  });
});

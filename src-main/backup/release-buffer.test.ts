import { describe, expect, it } from 'vitest';
import { wipeAndRelease } from './release-buffer';

// ES2024; Node 20 lacks it (the buffer is then only zeroed), Node 22 and Electron 45 have it.
const canTransfer = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function';

describe('wipeAndRelease', () => {
  it('gives a whole buffer back where the runtime can, zeroes it where not, and may run twice', () => {
    const buffer = Buffer.alloc(1024 * 1024, 7);
    wipeAndRelease(buffer);
    if (canTransfer) expect(buffer.byteLength).toBe(0);
    else expect(buffer.every((byte) => byte === 0)).toBe(true);
    expect(() => wipeAndRelease(buffer)).not.toThrow();
  });

  it('zeroes a view into a larger allocation and leaves the rest in place', () => {
    const whole = new Uint8Array(64).fill(9);
    wipeAndRelease(whole.subarray(16, 32));
    expect(whole.byteLength).toBe(64);
    expect([...whole]).toEqual([
      ...new Array<number>(16).fill(9),
      ...new Array<number>(16).fill(0),
      ...new Array<number>(32).fill(9),
    ]);
  });
});

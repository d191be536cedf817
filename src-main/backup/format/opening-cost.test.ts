import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MEMLIMIT,
  DEFAULT_OPSLIMIT,
  MEMLIMIT_CAP,
  MEMLIMIT_MIN,
  OPSLIMIT_CAP,
} from './format-constants';
import { openingCostBeyondDefaults } from './opening-cost';

const MIB = 1024 * 1024;

describe('openingCostBeyondDefaults', () => {
  it('asks nothing for what NoteVault writes, or anything cheaper', () => {
    expect(openingCostBeyondDefaults({ opslimit: DEFAULT_OPSLIMIT, memlimit: DEFAULT_MEMLIMIT })).toBeNull();
    expect(openingCostBeyondDefaults({ opslimit: 1, memlimit: MEMLIMIT_MIN })).toBeNull();
    // More passes over far less memory is still less work than the defaults.
    expect(openingCostBeyondDefaults({ opslimit: OPSLIMIT_CAP, memlimit: 16 * MIB })).toBeNull();
  });

  it('estimates time and memory for costlier settings, up to the caps', () => {
    expect(openingCostBeyondDefaults({ opslimit: OPSLIMIT_CAP, memlimit: MEMLIMIT_CAP })).toEqual({
      seconds: 19,
      memoryMiB: 1024,
    });
    expect(openingCostBeyondDefaults({ opslimit: DEFAULT_OPSLIMIT + 1, memlimit: DEFAULT_MEMLIMIT })).toEqual(
      {
        seconds: 2,
        memoryMiB: 256,
      },
    );
    // Fewer passes do not excuse more memory.
    expect(openingCostBeyondDefaults({ opslimit: 1, memlimit: 512 * MIB })).toEqual({
      seconds: 2,
      memoryMiB: 512,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMLIMIT, DEFAULT_OPSLIMIT } from './format/format-constants';
import { cheaperThan } from './safety-backup-key';

describe('cheaperThan', () => {
  it('is true when either work factor is below the default, false at or above both', () => {
    expect(cheaperThan({ opslimit: 1, memlimit: 8 * 1024 })).toBe(true);
    expect(cheaperThan({ opslimit: DEFAULT_OPSLIMIT - 1, memlimit: DEFAULT_MEMLIMIT })).toBe(true);
    expect(cheaperThan({ opslimit: DEFAULT_OPSLIMIT + 5, memlimit: DEFAULT_MEMLIMIT - 1 })).toBe(true);
    expect(cheaperThan({ opslimit: DEFAULT_OPSLIMIT, memlimit: DEFAULT_MEMLIMIT })).toBe(false);
    expect(cheaperThan({ opslimit: DEFAULT_OPSLIMIT + 1, memlimit: 2 * DEFAULT_MEMLIMIT })).toBe(false);
  });
});

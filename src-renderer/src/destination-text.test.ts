import { describe, expect, it } from 'vitest';
import { copyText, retentionPreviewText } from './destination-text';

const GB = 1024 ** 3;
const NOW = Date.UTC(2026, 11, 6, 12);

describe('retentionPreviewText', () => {
  it('says how many backups the next clean-up removes, the room it frees and the limit', () => {
    const preview = { delete: [1, 2, 3, 4], freedBytes: 1.2 * GB, capBytes: 5 * GB, overCap: false };
    expect(retentionPreviewText(preview)).toBe(
      'Next clean-up removes 4 backups, 1.2 GB, to stay under 5.0 GB.',
    );
    expect(retentionPreviewText({ ...preview, delete: [1], capBytes: null })).toBe(
      'Next clean-up removes 1 backup, 1.2 GB.',
    );
  });

  it('says when the backups it must keep are over the limit', () => {
    const over = { delete: [], freedBytes: 0, capBytes: 5 * GB, overCap: true };
    expect(retentionPreviewText(over)).toContain('take more than 5.0 GB, but the ones left must be kept');
    expect(retentionPreviewText({ ...over, overCap: false })).toBe('Next clean-up removes nothing.');
  });
});

describe('copyText', () => {
  it('words each state of a copy', () => {
    expect(copyText({ state: 'verified', at: NOW - 2 * 3_600_000 }, NOW)).toBe(
      'Copied and checked 2 hours ago',
    );
    expect(copyText({ state: 'failed', at: NOW, message: 'The copy differs from the backup.' }, NOW)).toBe(
      'Copy failed: The copy differs from the backup.',
    );
    expect(copyText({ state: 'missing', at: NOW }, NOW)).toContain('could not be reached');
  });
});

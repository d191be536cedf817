import { describe, expect, it } from 'vitest';
import { describeKeptInHistory } from './kept-in-history-text';

describe('describeKeptInHistory', () => {
  it('says where the replaced text went, in the singular and the plural, and nothing when none was', () => {
    expect(describeKeptInHistory(1)).toBe('The text the restore replaced in 1 note is kept in its history.');
    expect(describeKeptInHistory(3)).toBe(
      'The text the restore replaced in 3 notes is kept in their history.',
    );
    expect(describeKeptInHistory(0)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { describeOldCodeStillOpens } from './recovery-code-text';

describe('describeOldCodeStillOpens', () => {
  it('counts the backups the old code still opens, in the singular and the plural', () => {
    expect(describeOldCodeStillOpens(1)).toBe(
      'The old recovery code still opens 1 backup in the backup folder, and any copies of it kept ' +
        'elsewhere; delete it if someone else may have seen the old code.',
    );
    expect(describeOldCodeStillOpens(3)).toMatch(
      /^The old recovery code still opens 3 backups .* delete them if/,
    );
  });

  it('says copies kept elsewhere still open with it even when none in the folder do', () => {
    expect(describeOldCodeStillOpens(0)).toMatch(
      /^No backup in the backup folder .* kept elsewhere .* still do\.$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  describeAlsoInside,
  describeBringBack,
  describeRestoreChanges,
  RESTORE_LIST_HEADINGS,
} from './restore-summary';

describe('describeRestoreChanges', () => {
  it('leaves out what does not happen and counts with the right plural (issue #14)', () => {
    expect(describeRestoreChanges({ comeBack: 0, disappear: 1, change: 1, unchanged: 3 })).toBe(
      "Restoring it removes 1 note and changes 1 note back to the backup's version. 3 notes stay as they are.",
    );
    expect(describeRestoreChanges({ comeBack: 2, disappear: 0, change: 0, unchanged: 1 })).toBe(
      'Restoring it brings back 2 notes. 1 note stays as it is.',
    );
    expect(describeRestoreChanges({ comeBack: 1, disappear: 2, change: 3, unchanged: 0 })).toBe(
      "Restoring it brings back 1 note, removes 2 notes, and changes 3 notes back to the backup's version.",
    );
  });

  it('says so when nothing would change', () => {
    expect(describeRestoreChanges({ comeBack: 0, disappear: 0, change: 0, unchanged: 4 })).toBe(
      'Your current notes are the same as the notes in this backup.',
    );
  });
});

describe('RESTORE_LIST_HEADINGS', () => {
  it('are sentences with the count in them, not "Disappear: 1"', () => {
    expect(RESTORE_LIST_HEADINGS.disappear(1)).toBe('1 note disappears');
    expect(RESTORE_LIST_HEADINGS.comeBack(2)).toBe('2 notes come back');
    expect(RESTORE_LIST_HEADINGS.change(1)).toBe("1 note changes back to the backup's version");
  });
});

describe('describeBringBack', () => {
  it('says what came back with proper plurals and no zero parts', () => {
    expect(describeBringBack({ created: 1, replaced: 0 })).toBe('Brought back 1 note as a new note.');
    expect(describeBringBack({ created: 2, replaced: 0 })).toBe('Brought back 2 notes as new notes.');
    expect(describeBringBack({ created: 0, replaced: 1 })).toBe('Replaced the current version of 1 note.');
    expect(describeBringBack({ created: 1, replaced: 2 })).toBe(
      'Replaced the current version of 2 notes and brought back 1 note as a new note.',
    );
  });
});

describe('describeAlsoInside', () => {
  it('names what a backup holds besides notes, leaving out parts of zero', () => {
    expect(describeAlsoInside({ tags: 2, attachments: 3, attachmentBytes: 1536, versions: 40 })).toBe(
      '2 tags, 3 attachments (1.5 KB), and 40 kept versions',
    );
    expect(describeAlsoInside({ tags: 1, attachments: 0, attachmentBytes: 0, versions: 1 })).toBe(
      '1 tag and 1 kept version',
    );
    expect(describeAlsoInside({ tags: 0, attachments: 0, attachmentBytes: 0, versions: 0 })).toBeNull();
  });
});

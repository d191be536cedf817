import { formatCount, pluralNoun } from '../../src-shared/format';

interface RestoreChanges {
  comeBack: number;
  disappear: number;
  change: number;
  unchanged: number;
}

const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

/**
 * What restoring a backup would do, as plain sentences with the parts that do not happen left
 * out: "Restoring it removes 1 note and changes 1 note. 3 notes stay as they are." (issue #14:
 * it read "brings back 0, removes 1 and changes 1 of your notes; 3 stay as they are").
 */
export function describeRestoreChanges({ comeBack, disappear, change, unchanged }: RestoreChanges): string {
  const actions = [
    comeBack > 0 ? `brings back ${formatCount(comeBack, 'note')}` : null,
    disappear > 0 ? `removes ${formatCount(disappear, 'note')}` : null,
    change > 0 ? `changes ${formatCount(change, 'note')} back to the backup's version` : null,
  ].filter((action): action is string => action !== null);
  if (actions.length === 0) return 'Your current notes are the same as the notes in this backup.';
  const stay =
    unchanged > 0
      ? ` ${formatCount(unchanged, 'note')} ${pluralNoun(unchanged, 'stays', 'stay')} as ${pluralNoun(unchanged, 'it is', 'they are')}.`
      : '';
  return `Restoring it ${list.format(actions)}.${stay}`;
}

export { describeAlsoInside } from '../../src-shared/backup-contents-text';

/** The headings over the lists of notes a restore touches: "1 note comes back", "2 notes disappear". */
export const RESTORE_LIST_HEADINGS = {
  comeBack: (count: number) => `${formatCount(count, 'note')} ${pluralNoun(count, 'comes', 'come')} back`,
  disappear: (count: number) =>
    `${formatCount(count, 'note')} ${pluralNoun(count, 'disappears', 'disappear')}`,
  change: (count: number) =>
    `${formatCount(count, 'note')} ${pluralNoun(count, 'changes', 'change')} back to the backup's version`,
} as const;

/**
 * What bringing notes back from a browsed backup did: "Brought back 1 note as a new note.",
 * "Replaced the current version of 2 notes.", or both in one sentence; zero parts left out.
 */
export function describeBringBack({ created, replaced }: { created: number; replaced: number }): string {
  const asNew =
    created > 0
      ? `brought back ${formatCount(created, 'note')} as ${created === 1 ? 'a new note' : 'new notes'}`
      : null;
  const over = replaced > 0 ? `replaced the current version of ${formatCount(replaced, 'note')}` : null;
  const parts = [over, asNew].filter((part): part is string => part !== null);
  if (parts.length === 0) return 'No notes were brought back.';
  const sentence = list.format(parts);
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

import { formatCount, pluralNoun } from './format';

/**
 * Where the text a restore replaced went: "The text the restore replaced in 3 notes is kept in
 * their history."; null when the restore changed no note that was there before. One wording for
 * the restore dialog's last step and the command line's restore report, so a person reads the
 * same sentence in both.
 */
export function describeKeptInHistory(keptInHistory: number): string | null {
  if (keptInHistory === 0) return null;
  return `The text the restore replaced in ${formatCount(keptInHistory, 'note')} is kept in ${pluralNoun(keptInHistory, 'its', 'their')} history.`;
}

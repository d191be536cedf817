import { formatAgo, formatCount } from './format';

/** What the wording needs of a restore drill's record (the catalogue's DrillRecord has more). */
export interface DrillOutcome {
  at: number;
  ok: boolean;
  noteCount: number | null;
  message: string | null;
}

/**
 * "Last verified restore: 3,104 notes, 2 days ago", "Restore test failed: <why>" or "Not tested
 * yet": one wording for the backups view, the tray and the health centre.
 */
export function drillText(drill: DrillOutcome | null | undefined, now: number): string {
  if (drill === null || drill === undefined) return 'Not tested yet';
  if (!drill.ok)
    return `Restore test failed: ${drill.message ?? 'NoteVault did not say why; test it again.'}`;
  const notes = drill.noteCount === null ? '' : `${formatCount(drill.noteCount, 'note')}, `;
  return `Last verified restore: ${notes}${formatAgo(drill.at, now)}`;
}

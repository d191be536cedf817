import { formatCount } from '../../src-shared/format';
import { formatAgo } from './relative-time';
import type { TrayState } from './tray-state';

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA's szTip), so we cut first. */
export const MAX_TOOLTIP_CHARS = 127;

/** "NoteVault — last backup 5 min ago, succeeded", "... failed: <why>", plus a warning count. */
export function trayTooltip(state: TrayState, now: number): string {
  let text: string;
  if (state.busy) text = 'NoteVault — backing up…';
  else if (state.lastRun === null) text = 'NoteVault — no backup yet';
  else {
    const when = formatAgo(state.lastRun.startedAt, now);
    text = state.lastRun.ok
      ? `NoteVault — last backup ${when}, succeeded`
      : `NoteVault — last backup ${when}, failed: ${(state.lastRun.message ?? 'unknown error').replace(/\s+/g, ' ')}`;
  }
  const problems = state.warnings.filter(
    (w) => !(w.kind === 'last-run-failed' && state.lastRun?.ok === false),
  );
  const suffix = problems.length === 0 ? '' : `\n${formatCount(problems.length, 'warning')}: see the menu`;
  // Cut the status, never the warning count: the count is what sends the person to the menu.
  const room = MAX_TOOLTIP_CHARS - suffix.length;
  return (text.length <= room ? text : `${text.slice(0, room - 1)}…`) + suffix;
}

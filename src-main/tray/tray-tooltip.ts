import type { TrayState } from './tray-state';

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA's szTip), so we cut first. */
export const MAX_TOOLTIP_CHARS = 127;

/**
 * One line: "NoteVault — " and the health report's summary (the worst problem, or the last
 * verified restore), plus how many other items need attention. The count is never cut: it is
 * what sends the person to the menu's "Health…".
 */
export function trayTooltip(state: TrayState): string {
  if (state.busy) return 'NoteVault — backing up…';
  const text = `NoteVault — ${state.health.summary.replace(/\s+/g, ' ').trim()}`;
  const attention = state.health.items.filter((item) => item.severity !== 'ok').length;
  const suffix = attention > 1 ? ` (+${attention - 1} more)` : '';
  const room = MAX_TOOLTIP_CHARS - suffix.length;
  return (text.length <= room ? text : `${text.slice(0, room - 1)}…`) + suffix;
}

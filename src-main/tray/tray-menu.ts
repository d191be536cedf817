/**
 * The tray's context menu as plain data (Electron's MenuItemConstructorOptions), so it is
 * tested without Electron; SystemTrayService turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { SCHEDULE_INTERVALS } from '../../src-shared/settings';
import type { ScheduleInterval } from '../../src-shared/settings';
import { formatAgo } from './relative-time';
import type { TrayActions, TrayState } from './tray-state';

export const SCHEDULE_LABELS: Record<ScheduleInterval, string> = {
  off: 'Off',
  hourly: 'Every hour',
  daily: 'Every day',
  weekly: 'Every week',
};

/** Menu labels are one line; long error messages are cut, the backups view has the full text. */
const MAX_LABEL_CHARS = 80;

export function shorten(text: string, max = MAX_LABEL_CHARS): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

export function lastBackupLabel(state: TrayState, now: number): string {
  const run = state.lastRun;
  if (run === null) return 'Last backup: none yet';
  const when = formatAgo(run.startedAt, now);
  return shorten(
    run.ok
      ? `Last backup: ${when}, succeeded`
      : `Last backup: ${when}, failed: ${run.message ?? 'unknown error'}`,
  );
}

export function buildTrayMenuTemplate(
  state: TrayState,
  actions: TrayActions,
  now: number,
): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    {
      id: 'back-up-now',
      label: state.busy ? 'Backing up…' : 'Back up now',
      enabled: !state.busy,
      click: () => actions.backUpNow(),
    },
    {
      id: 'schedule',
      label: 'Schedule',
      submenu: SCHEDULE_INTERVALS.map((interval) => ({
        id: `schedule-${interval}`,
        label: SCHEDULE_LABELS[interval],
        type: 'radio' as const,
        checked: state.schedule === interval,
        click: () => actions.setSchedule(interval),
      })),
    },
    { type: 'separator' },
    { id: 'last-backup', label: lastBackupLabel(state, now), click: () => actions.showBackups() },
  ];
  if (state.nextRunAt !== null && state.schedule !== 'off') {
    const next = new Date(state.nextRunAt);
    const label =
      state.nextRunAt <= now
        ? 'Next backup: now'
        : `Next backup: ${next.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })}`;
    template.push({ id: 'next-backup', label, enabled: false });
  }
  const attention = state.health.items.filter((item) => item.severity !== 'ok');
  for (const [index, item] of attention.entries()) {
    template.push({
      id: `warning-${index}`,
      label: shorten(`⚠ ${item.message}`),
      click: () => actions.showHealth(),
    });
  }
  template.push(
    { id: 'health', label: 'Health…', click: () => actions.showHealth() },
    { type: 'separator' },
    { id: 'open', label: 'Open NoteVault', click: () => actions.openApp() },
    { id: 'quit', label: 'Quit NoteVault', click: () => actions.quit() },
  );
  return template;
}

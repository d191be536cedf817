/**
 * The one rule of when NoteVault backs up while it is closed: "Keep backing up when NoteVault is
 * closed" is on, scheduled backups are on, and there is a backup folder. The OS scheduler's entry
 * exists exactly then (background-schedule-service.ts), and a run the OS scheduler starts backs up
 * only then (app/headless-scheduled-run.ts: an entry left over from before the option was turned
 * off does nothing).
 */
import type { Settings } from '../../src-shared/settings';
import type { ActiveInterval } from './os-schedule-names';

/** The schedule's interval while backups run with NoteVault closed; null when they do not. */
export function whileClosedInterval(settings: Readonly<Settings>): ActiveInterval | null {
  if (settings.backupWhileClosed?.enabled !== true) return null;
  if (settings.schedule === 'off' || settings.backupFolder === null) return null;
  return settings.schedule;
}

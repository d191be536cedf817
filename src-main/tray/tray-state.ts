import type { BackupRunRecord, ScheduleInterval } from '../../src-shared/settings';
import type { HealthWarning } from './backup-health';

/** Everything the tray shows. */
export interface TrayState {
  schedule: ScheduleInterval;
  /** The most recent backup attempt of any kind. */
  lastRun: BackupRunRecord | null;
  /** True while a backup or restore job runs. */
  busy: boolean;
  /** When the next scheduled backup starts (epoch ms), or null. */
  nextRunAt: number | null;
  warnings: readonly HealthWarning[];
}

/** What the tray's menu items do; the app wires these to its services and windows. */
export interface TrayActions {
  backUpNow(): void;
  /** Turning scheduling on may need the passkey: the app then opens its settings instead. */
  setSchedule(interval: ScheduleInterval): void;
  /** Opens the window on the backups view. */
  showBackups(): void;
  openApp(): void;
  quit(): void;
}

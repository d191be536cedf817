import type { BackupRunRecord, ScheduleInterval } from '../../src-shared/settings';
import type { HealthReport } from '../../src-shared/ipc/contract-health';

/** Everything the tray shows. */
export interface TrayState {
  schedule: ScheduleInterval;
  /** The most recent backup attempt of any kind. */
  lastRun: BackupRunRecord | null;
  /** True while a backup or restore job runs. */
  busy: boolean;
  /** When the next scheduled backup starts (epoch ms), or null. */
  nextRunAt: number | null;
  /** The health report (src-main/health/): the tooltip's line, the menu's warnings, the icon. */
  health: HealthReport;
}

/** What the tray's menu items do; the app wires these to its services and windows. */
export interface TrayActions {
  backUpNow(): void;
  /** Turning scheduling on may need the passkey: the app then opens its settings instead. */
  setSchedule(interval: ScheduleInterval): void;
  /** Opens the window on the backups view. */
  showBackups(): void;
  /** Opens the window on the Health view. */
  showHealth(): void;
  openApp(): void;
  quit(): void;
}

import type { HealthReport } from '../../src-shared/ipc/contract-health';
import type { ScheduleStatus } from '../../src-shared/ipc/contract-schedule';
import type { BackupStatus, ScheduleInterval } from '../../src-shared/settings';
import { backupHealth, backupHealthInput } from '../health/backup-run-rules';
import type { TrayState } from '../tray/tray-state';

export interface ScheduleStatusInput {
  schedule: ScheduleInterval;
  status: BackupStatus;
  nextRunAt: number | null;
  busy: boolean;
  now: number;
}

/** What the backups view and the tray show: the run record plus the health warnings. */
export function scheduleStatus(input: ScheduleStatusInput): ScheduleStatus {
  const { schedule, status } = input;
  const warnings = backupHealth(backupHealthInput(schedule, status), input.now);
  return {
    schedule,
    status,
    nextRunAt: schedule === 'off' ? null : input.nextRunAt,
    busy: input.busy,
    warnings,
  };
}

export function trayStateOf(status: ScheduleStatus, health: HealthReport): TrayState {
  return {
    schedule: status.schedule,
    lastRun: status.status.lastRun,
    busy: status.busy,
    nextRunAt: status.nextRunAt,
    health,
  };
}

import type { ScheduleStatus } from '../../../src-shared/ipc/contract-schedule';
import { formatCount, formatDateTime } from '../../../src-shared/format';
import { SCHEDULE_LABELS } from '../backup-format';
import { ErrorDetails } from './ErrorDetails';
import { RemedyButton } from './RemedyButton';

interface ScheduleSummaryProps {
  status: ScheduleStatus;
  /** Goes to Settings, for a failure fixed there. */
  onOpenSettings: () => void;
}

/**
 * The schedule, the next run and the last result, in three lines; a failure's details on
 * request, and a button to Settings when that is where it is fixed.
 */
export function ScheduleSummary({ status, onOpenSettings }: ScheduleSummaryProps) {
  const last = status.status.lastRun;
  return (
    <dl className="schedule-summary" aria-label="Backup schedule">
      <dt>Schedule</dt>
      <dd>{SCHEDULE_LABELS[status.schedule]}</dd>
      <dt>Next backup</dt>
      <dd>
        {status.busy
          ? 'Running now…'
          : status.nextRunAt === null
            ? 'Not scheduled'
            : formatDateTime(status.nextRunAt)}
      </dd>
      <dt>Last backup</dt>
      <dd>
        {last === null
          ? 'None yet'
          : last.ok
            ? `${formatDateTime(last.startedAt)}, succeeded (${formatCount(last.noteCount ?? 0, 'note')})`
            : `${formatDateTime(last.startedAt)}, failed: ${last.message ?? 'unknown error'}`}
        {last !== null && !last.ok ? (
          <>
            {' '}
            <RemedyButton remedy={last.remedy} onOpenSettings={onOpenSettings} />
            <ErrorDetails error={{ message: last.message ?? '', details: last.details }} />
          </>
        ) : null}
      </dd>
    </dl>
  );
}

import { drillText } from '../../../src-shared/drill-text';
import type { BackupCopyView, BackupDrillView } from '../../../src-shared/ipc/contract-schedule';
import { copyText } from '../destination-text';
import { ErrorDetails } from './ErrorDetails';
import './backup-destinations.css';

/**
 * A backup's last restore test ("Last verified restore: 3,104 notes, 2 days ago", "Restore test
 * failed: …" with its Details, or "Not tested yet"); nothing where no catalogue answered.
 */
export function BackupDrillStatus({
  drill,
  now,
}: {
  drill: BackupDrillView | null | undefined;
  now: number;
}) {
  if (drill === undefined) return null;
  const failed = drill !== null && !drill.ok;
  return (
    <div className={failed ? 'drill-status drill-failed' : 'drill-status'}>
      {drillText(drill, now)}
      {failed ? <ErrorDetails error={{ message: drill.message ?? '', details: drill.details }} /> : null}
    </div>
  );
}

/** A backup's copies in the other destinations, one line each, naming the destination. */
export function BackupCopies({
  copies,
  now,
}: {
  copies: readonly BackupCopyView[] | undefined;
  now: number;
}) {
  if (copies === undefined || copies.length === 0) return null;
  return (
    <ul className="backup-copies">
      {copies.map((copy) => (
        <li key={copy.destinationId} className={`copy-${copy.state}`}>
          <span className="copy-folder">{copy.folder}</span>: {copyText(copy, now)}
          {copy.lastDrill ? ` · ${drillText(copy.lastDrill, now)}` : ''}
          {copy.details === undefined ? null : (
            <ErrorDetails error={{ message: copy.message ?? '', details: copy.details }} />
          )}
        </li>
      ))}
    </ul>
  );
}

import { formatAgo, formatBytes } from '../../../src-shared/format';
import type { DestinationStatusView } from '../../../src-shared/ipc/contract-destinations';
import { CLOUD_SYNC_LABELS } from '../destination-text';
import { ErrorDetails } from './ErrorDetails';
import './backup-destinations.css';

/**
 * What main knows of one destination: its cloud-sync client, whether it can be reached, its
 * newest checked copy, what it lacks, and the room its backups take against its limit.
 */
export function DestinationState({ status, now }: { status: DestinationStatusView; now: number }) {
  const facts: string[] = [];
  if (status.lastVerifiedCopyAt !== null)
    facts.push(`Newest checked backup here: ${formatAgo(status.lastVerifiedCopyAt, now)}.`);
  else if (status.id !== 'primary') facts.push('No backup has been copied here yet.');
  if (status.pendingCount > 0) facts.push('The newest backup is not copied here yet.');
  if (status.usageBytes !== null)
    facts.push(
      status.capBytes === null
        ? `Backups here take ${formatBytes(status.usageBytes)}.`
        : `Backups here take ${formatBytes(status.usageBytes)} of ${formatBytes(status.capBytes)}.`,
    );
  return (
    <div className="destination-state">
      {status.cloudSync === null ? null : (
        <p>
          <span className="destination-badge">
            {CLOUD_SYNC_LABELS[status.cloudSync] ?? status.cloudSync} folder
          </span>{' '}
          Backups are made on this computer first and copied in as one finished file, so the sync client never
          uploads half a backup.
        </p>
      )}
      {status.reachable ? null : (
        <div className="destination-unreachable">
          <p>
            {status.problem ??
              'NoteVault cannot reach this folder now; backups are copied here when it is back.'}
          </p>
          <ErrorDetails error={{ message: status.problem ?? '', details: status.details }} />
        </div>
      )}
      {status.lastCopyProblem === null ? null : (
        <p className="destination-unreachable">{status.lastCopyProblem}</p>
      )}
      {facts.length === 0 ? null : <p>{facts.join(' ')}</p>}
    </div>
  );
}

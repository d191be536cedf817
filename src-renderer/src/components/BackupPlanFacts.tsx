import type { ReactNode } from 'react';
import { formatBytes, formatCount } from '../../../src-shared/format';
import type { BackupPlan } from '../../../src-shared/ipc/contract-backup';
import { aboutDuration } from '../job-progress';

interface BackupPlanFactsProps {
  plan: BackupPlan | null;
  /** The folder row (its Change… button), placed under "Where". */
  folderAction: ReactNode;
}

/** What the backup will hold, where it goes and how long it takes: main's plan, before it starts. */
export function BackupPlanFacts({ plan, folderAction }: BackupPlanFactsProps) {
  if (plan === null) return <p className="dialog-hint">Counting your notes…</p>;
  const inTrash = plan.trashedCount > 0 ? ` (${formatCount(plan.trashedCount, 'note')} in the trash)` : '';
  return (
    <dl className="facts backup-plan">
      <dt>Includes</dt>
      <dd>
        {formatCount(plan.noteCount, 'note')}
        {inTrash}, about {formatBytes(plan.databaseBytes)}
      </dd>
      <dt>Saved to</dt>
      <dd>
        <span className="folder-row">
          <span className="folder-path">{plan.folder ?? 'No folder chosen yet'}</span>
          {folderAction}
        </span>
      </dd>
      <dt>File name</dt>
      <dd className="backup-file-name">{plan.fileName}</dd>
      <dt>Takes</dt>
      <dd>{aboutDuration(plan.estimatedSeconds)}</dd>
    </dl>
  );
}

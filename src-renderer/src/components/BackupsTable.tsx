import type { BackupListEntry } from '../../../src-shared/ipc/contract-schedule';
import { BackupRow } from './BackupRow';
import type { BackupAction } from './BackupRow';

interface BackupsTableProps {
  folder: string;
  backups: BackupListEntry[];
  busy: boolean;
  canRestore: boolean;
  onAction: (action: BackupAction, backup: BackupListEntry) => void;
}

/** The backups of the folder, newest first, each with its actions. */
export function BackupsTable({ folder, backups, busy, canRestore, onAction }: BackupsTableProps) {
  return (
    <table className="backups-table">
      <caption>Backups in {folder}, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Size</th>
          <th scope="col">Kind</th>
          <th scope="col">Check</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {backups.map((backup) => (
          <BackupRow
            key={backup.name}
            backup={backup}
            busy={busy}
            canRestore={canRestore}
            onAction={onAction}
          />
        ))}
      </tbody>
    </table>
  );
}

import { useRef } from 'react';
import type { BackupListEntry } from '../../../src-shared/ipc/contract-schedule';
import { useRovingGrid } from '../hooks/useRovingGrid';
import { BackupRow } from './BackupRow';
import type { BackupAction } from './BackupRow';

interface BackupsTableProps {
  folder: string;
  backups: BackupListEntry[];
  busy: boolean;
  canRestore: boolean;
  onAction: (action: BackupAction, backup: BackupListEntry) => void;
}

/** A row's buttons: Verify, Browse and the menu button (not the menu's items). */
const ROW_CONTROLS = '.backup-actions > button, .backup-actions > .menu-button > button';

/**
 * The backups of the folder, newest first, each with its actions. The table is one Tab stop;
 * the arrow keys move between its buttons (useRovingGrid).
 */
export function BackupsTable({ folder, backups, busy, canRestore, onAction }: BackupsTableProps) {
  const table = useRef<HTMLTableElement>(null);
  const roving = useRovingGrid(table, ROW_CONTROLS);
  const showCopies = backups.some((backup) => (backup.copies?.length ?? 0) > 0);
  const now = Date.now();
  return (
    <table className="backups-table" ref={table} onFocus={roving.onFocus} onKeyDown={roving.onKeyDown}>
      <caption>Backups in {folder}, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Size</th>
          <th scope="col">Kind</th>
          <th scope="col">Check</th>
          {showCopies ? <th scope="col">Copies</th> : null}
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
            showCopies={showCopies}
            now={now}
            onAction={onAction}
          />
        ))}
      </tbody>
    </table>
  );
}

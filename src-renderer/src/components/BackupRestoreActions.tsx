import { useState } from 'react';
import { formatCount } from '../../../src-shared/format';
import { useToast } from '../hooks/useToasts';
import { BackupDialog } from './BackupDialog';
import { RestoreDialog } from './RestoreDialog';

/**
 * The toolbar's Backup and Restore buttons and their dialogs. After a restore the notes
 * list reloads by itself (`notes:didChange`); a toast says how many notes came back, and this tells
 * the app, which lets go of a note that may no longer exist.
 */
export function BackupRestoreActions({ onRestored }: { onRestored: () => void }) {
  const [open, setOpen] = useState<'backup' | 'restore' | null>(null);
  const showToast = useToast();
  return (
    <>
      <button type="button" onClick={() => setOpen('backup')}>
        Back up…
      </button>
      <button type="button" onClick={() => setOpen('restore')}>
        Restore…
      </button>
      <BackupDialog open={open === 'backup'} onClose={() => setOpen(null)} />
      <RestoreDialog
        open={open === 'restore'}
        onClose={() => setOpen(null)}
        onRestored={(count) => {
          showToast(`Restored ${formatCount(count, 'note')} from the backup.`);
          onRestored();
        }}
      />
    </>
  );
}

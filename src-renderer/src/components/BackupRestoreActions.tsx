import { useState } from 'react';
import { formatCount } from '../../../src-shared/format';
import { BackupDialog } from './BackupDialog';
import { RestoreDialog } from './RestoreDialog';

/**
 * The toolbar's Backup and Restore buttons and their dialogs. After a restore the notes
 * list reloads by itself (`notes:didChange`); this says how many notes came back, and tells
 * the app, which lets go of a note that may no longer exist.
 */
export function BackupRestoreActions({ onRestored }: { onRestored: () => void }) {
  const [open, setOpen] = useState<'backup' | 'restore' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <button type="button" onClick={() => setOpen('backup')}>
        Back up…
      </button>
      <button type="button" onClick={() => setOpen('restore')}>
        Restore…
      </button>
      <span role="status" className="toolbar-notice">
        {notice}
      </span>
      <BackupDialog open={open === 'backup'} onClose={() => setOpen(null)} />
      <RestoreDialog
        open={open === 'restore'}
        onClose={() => setOpen(null)}
        onRestored={(count) => {
          setNotice(`Restored ${formatCount(count, 'note')} from the backup.`);
          onRestored();
        }}
      />
    </>
  );
}

import { useEffect, useState } from 'react';
import { useApi } from '../api-context';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

/**
 * The dialogs File > Import notes… and Export notes… open, wherever the window is: main
 * announces the menu choice (transfer:didRequestDialog) and the window shows the dialog,
 * which then asks main to choose the path and run the job, as from Settings.
 */
export function TransferMenuDialogs() {
  const api = useApi();
  const [open, setOpen] = useState<'import' | 'export' | null>(null);
  useEffect(
    () =>
      api.transfer.onDidRequestDialog(({ dialog }) => {
        // A dialog already open (a backup, a confirmation) keeps the window: one at a time.
        if (document.querySelector('dialog[open]') === null) setOpen(dialog);
      }),
    [api],
  );
  return (
    <>
      <ImportDialog open={open === 'import'} onClose={() => setOpen(null)} />
      <ExportDialog open={open === 'export'} onClose={() => setOpen(null)} />
    </>
  );
}

import { useEffect, useState } from 'react';
import { useApi } from '../api-context';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

/**
 * The dialogs File > Import notes… and Export notes… open, wherever the window is: main
 * announces the menu choice (transfer:didRequestDialog) and the window shows the dialog,
 * which then asks main to choose the path and run the job, as from Settings.
 */
export function TransferMenuDialogs({ onError }: { onError: (error: unknown) => void }) {
  const api = useApi();
  const [open, setOpen] = useState<'import' | 'export' | null>(null);
  useEffect(() => {
    // Outside the app (no main process) subscribing throws: the window says so and still draws.
    try {
      return api.transfer.onDidRequestDialog(({ dialog }) => {
        // A dialog already open (a backup, a confirmation) keeps the window: one at a time.
        if (document.querySelector('dialog[open]') === null) setOpen(dialog);
      });
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);
  return (
    <>
      <ImportDialog open={open === 'import'} onClose={() => setOpen(null)} />
      <ExportDialog open={open === 'export'} onClose={() => setOpen(null)} />
    </>
  );
}

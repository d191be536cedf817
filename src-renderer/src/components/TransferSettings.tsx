import { useState } from 'react';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

/** Settings' "Import and export": the two dialogs, each run in main's job worker. */
export function TransferSettings() {
  const [open, setOpen] = useState<'import' | 'export' | null>(null);
  return (
    <fieldset className="settings-group">
      <legend>Import and export</legend>
      <p>
        Bring notes from Evernote, Simplenote, Standard Notes or a folder of Markdown, or take yours
        elsewhere.
      </p>
      <div className="transfer-choices">
        <button type="button" onClick={() => setOpen('import')}>
          Import notes…
        </button>
        <button type="button" onClick={() => setOpen('export')}>
          Export notes…
        </button>
      </div>
      <ImportDialog open={open === 'import'} onClose={() => setOpen(null)} />
      <ExportDialog open={open === 'export'} onClose={() => setOpen(null)} />
    </fieldset>
  );
}

import { useState } from 'react';
import type { ImportDone } from '../../../src-shared/ipc/contract-transfer';
import { formatCount } from '../../../src-shared/format';
import { useApi } from '../api-context';
import { describeError } from '../api';
import { useTransferJob } from '../hooks/useTransferJob';
import { JobFailure } from './JobFailure';
import { ModalDialog } from './ModalDialog';
import { ProgressBar } from './ProgressBar';
import { TransferItems } from './TransferItems';
import './transfer.css';

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Import notes: a folder of Markdown (Obsidian, Bear) or an export file (Evernote, Simplenote,
 * Standard Notes, NoteVault's own), chosen in main's native dialog; progress with Cancel; then
 * the counts, each skipped item with its reason, and Undo import (the import only added notes,
 * so undoing moves exactly those to the trash). Escape cancels a running import, else closes.
 */
export function ImportDialog({ open, onClose }: ImportDialogProps) {
  const api = useApi();
  const job = useTransferJob<ImportDone>(open);
  const { stage } = job;
  const start = (source: 'folder' | 'file') => job.start(() => api.transfer.import({ source }));
  const escape = () => (stage.kind === 'running' ? job.cancel() : onClose());

  return (
    <ModalDialog open={open} title="Import notes" onEscape={escape}>
      {stage.kind === 'choose' ? (
        <>
          <p>
            NoteVault adds the notes it finds, with their tags, dates and images, and never changes a note you
            have. You can undo the import afterwards.
          </p>
          <ul>
            <li>
              A folder of Markdown files: an Obsidian vault, Bear or TextBundle notes, a NoteVault Markdown
              export.
            </li>
            <li>
              A file: Evernote (.enex), Simplenote (notes.json), a decrypted Standard Notes backup, or a
              NoteVault export (.json).
            </li>
          </ul>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" onClick={() => start('file')}>
              Choose a file…
            </button>
            <button type="button" className="primary" autoFocus onClick={() => start('folder')}>
              Choose a folder…
            </button>
          </div>
        </>
      ) : stage.kind === 'running' ? (
        <>
          <ProgressBar label="Import progress" progress={stage.progress} />
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={job.cancel}>
              Cancel import
            </button>
          </div>
        </>
      ) : stage.kind === 'done' ? (
        <ImportReport result={stage.result} onClose={onClose} />
      ) : (
        <JobFailure error={stage.error} onClose={onClose} onRetry={job.retry} />
      )}
    </ModalDialog>
  );
}

function ImportReport({ result, onClose }: { result: ImportDone; onClose: () => void }) {
  const api = useApi();
  const [undo, setUndo] = useState<
    { kind: 'idle' } | { kind: 'done'; moved: number } | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const extras = [
    result.tags > 0 ? formatCount(result.tags, 'tag') : null,
    result.attachments > 0 ? formatCount(result.attachments, 'attachment') : null,
  ].filter((part) => part !== null);
  const undoImport = () => {
    api.transfer.undoImport({ token: result.token }).then(
      (moved) => setUndo({ kind: 'done', moved }),
      (error: unknown) => setUndo({ kind: 'failed', message: describeError(error).message }),
    );
  };
  return (
    <>
      <div role="status">
        <p>
          <strong>
            Imported {formatCount(result.imported, 'note')}
            {extras.length > 0 ? ` (${extras.join(', ')})` : ''}
          </strong>{' '}
          from {result.sourceName} ({result.formatName}).
          {result.skippedTotal > 0
            ? ` ${formatCount(result.skippedTotal, 'item')} skipped, listed below.`
            : ''}
        </p>
        {undo.kind === 'done' ? (
          <p>
            Moved {formatCount(undo.moved, 'note')} of this import to the trash; the trash can bring them
            back.
          </p>
        ) : result.imported > 0 ? (
          <p>The import is one step: Undo import moves the notes it added to the trash.</p>
        ) : null}
        {undo.kind === 'failed' ? <p role="alert">{undo.message}</p> : null}
      </div>
      <TransferItems heading="Skipped" items={result.skipped} total={result.skippedTotal} />
      <TransferItems heading="Imported with changes" items={result.warnings} total={result.warningsTotal} />
      <div className="dialog-actions">
        {result.imported > 0 && undo.kind === 'idle' ? (
          <button type="button" onClick={undoImport}>
            Undo import
          </button>
        ) : null}
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}

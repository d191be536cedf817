import { useId, useState } from 'react';
import type { ExportDone } from '../../../src-shared/ipc/contract-transfer';
import { formatCount } from '../../../src-shared/format';
import { useApi } from '../api-context';
import { useTransferJob } from '../hooks/useTransferJob';
import { JobFailure } from './JobFailure';
import { ModalDialog } from './ModalDialog';
import { ProgressBar } from './ProgressBar';
import { TransferItems } from './TransferItems';
import './transfer.css';

interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Export notes: Markdown files with their attachments (for other apps), or one NoteVault file
 * that imports back with nothing lost (history optional); main asks where in its native
 * dialog, then progress with Cancel, then what was written. Escape cancels a running export.
 */
export function ExportDialog({ open, onClose }: ExportDialogProps) {
  const id = useId();
  const api = useApi();
  const job = useTransferJob<ExportDone>(open);
  const { stage } = job;
  const [format, setFormat] = useState<'markdown' | 'json'>('markdown');
  const [history, setHistory] = useState(false);
  const escape = () => (stage.kind === 'running' ? job.cancel() : onClose());

  return (
    <ModalDialog open={open} title="Export notes" onEscape={escape}>
      {stage.kind === 'choose' ? (
        <>
          <fieldset className="settings-group">
            <legend>Export as</legend>
            <label className="checkbox">
              <input
                type="radio"
                name={`${id}-format`}
                checked={format === 'markdown'}
                autoFocus
                onChange={() => setFormat('markdown')}
              />
              Markdown files with their attachments, for other apps (the trash is left out)
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name={`${id}-format`}
                checked={format === 'json'}
                onChange={() => setFormat('json')}
              />
              One NoteVault file (JSON) that imports back with nothing lost, the trash included
            </label>
            {format === 'json' ? (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={history}
                  onChange={(event) => setHistory(event.target.checked)}
                />
                Include each note's history
              </label>
            ) : null}
          </fieldset>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button
              type="button"
              className="primary"
              onClick={() =>
                job.start(() => api.transfer.export({ format, history: format === 'json' && history }))
              }
            >
              Export…
            </button>
          </div>
        </>
      ) : stage.kind === 'running' ? (
        <>
          <ProgressBar label="Export progress" progress={stage.progress} />
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={job.cancel}>
              Cancel export
            </button>
          </div>
        </>
      ) : stage.kind === 'done' ? (
        <ExportReport result={stage.result} onClose={onClose} />
      ) : (
        <JobFailure error={stage.error} onClose={onClose} onRetry={job.retry} />
      )}
    </ModalDialog>
  );
}

function ExportReport({ result, onClose }: { result: ExportDone; onClose: () => void }) {
  return (
    <>
      <div role="status">
        <p>
          <strong>Exported {formatCount(result.notes, 'note')}</strong>
          {result.attachments > 0 ? ` with ${formatCount(result.attachments, 'attachment')}` : ''}
          {result.versions > 0 ? ` and ${formatCount(result.versions, 'kept version')}` : ''}.
        </p>
        <dl className="facts">
          <dt>{result.format === 'markdown' ? 'Folder' : 'File'}</dt>
          <dd>{result.name}</dd>
          <dt>In</dt>
          <dd>{result.folder}</dd>
        </dl>
      </div>
      <TransferItems heading="Left out" items={result.skipped} total={result.skippedTotal} />
      <TransferItems heading="Please note" items={result.warnings} total={result.warnings.length} />
      <div className="dialog-actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}

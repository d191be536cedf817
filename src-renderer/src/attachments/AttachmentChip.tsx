import './attachments.css';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { formatBytes } from '../../../src-shared/format';
import { useApi } from '../api-context';
import { useAttachmentInfo } from './useAttachmentInfo';

interface AttachmentChipProps {
  sha256: string;
  /** The link text the note gives the file; the stored file name when it gives none. */
  children?: ReactNode;
}

/**
 * A `[name](attachment:…)` that is not drawn: the file's name and size, and "Save a copy…",
 * which asks main to open its own save dialog (the window never names a path). A failed save
 * says why beside the button.
 */
export function AttachmentChip({ sha256, children }: AttachmentChipProps) {
  const api = useApi();
  const state = useAttachmentInfo(sha256);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stored = state.status === 'ready' ? state.info.fileName : 'Attachment';
  const name = hasText(children) ? children : stored;
  // The button's accessible name says which file, in words even when the link text is markup.
  const what = typeof children === 'string' && children !== '' ? children : stored;
  const saveCopy = async () => {
    setSaving(true);
    setProblem(null);
    try {
      await api.attachments.saveCopy({ sha256 });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The copy could not be saved.');
    } finally {
      setSaving(false);
    }
  };
  return (
    <span className="attachment-chip" data-attachment={sha256}>
      <span className="attachment-chip-name">{name}</span>
      {state.status === 'ready' && (
        <span className="attachment-chip-size">{formatBytes(state.info.size)}</span>
      )}
      {state.status === 'missing' ? (
        <span className="attachment-chip-missing" title={state.message}>
          (missing)
        </span>
      ) : (
        <button
          type="button"
          className="attachment-chip-save"
          disabled={saving}
          aria-label={`Save a copy of ${what}…`}
          onClick={() => void saveCopy()}
        >
          Save a copy…
        </button>
      )}
      {problem !== null && (
        <span className="attachment-chip-problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}

function hasText(node: ReactNode): boolean {
  return node !== undefined && node !== null && node !== '' && !(Array.isArray(node) && node.length === 0);
}

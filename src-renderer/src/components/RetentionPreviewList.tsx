import { formatBytes, formatDateTime } from '../../../src-shared/format';
import type { RetentionPreview } from '../../../src-shared/ipc/contract-retention';
import { KIND_LABELS } from '../backup-format';
import { retentionPreviewText } from '../destination-text';
import './backup-destinations.css';

interface RetentionPreviewListProps {
  preview: RetentionPreview;
  /** The destination's folder as main words it, named when there are several. */
  folder: string | null;
}

/**
 * What the next clean-up of one destination removes and the room it frees, before it happens:
 * one sentence, and the backups it removes behind a disclosure.
 */
export function RetentionPreviewList({ preview, folder }: RetentionPreviewListProps) {
  const sentence = retentionPreviewText(preview);
  return (
    <div className="retention-preview">
      <p>
        {folder === null ? null : <span className="destination-folder">{folder}: </span>}
        {sentence}
      </p>
      {preview.delete.length === 0 ? null : (
        <details>
          <summary>Backups the next clean-up removes</summary>
          <ul>
            {preview.delete.map((backup) => (
              <li key={backup.name} title={backup.name}>
                {formatDateTime(backup.createdAt)} · {KIND_LABELS[backup.kind]} · {formatBytes(backup.size)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

import { displayTitle } from '../format';
import type { Note } from '../../../src-shared/notes';
import { useApiCall } from '../hooks/useLatestCall';
import { ModalDialog } from './ModalDialog';
import { NoteDiff } from './NoteDiff';

interface ReplacePreviewProps {
  sessionId: string;
  /** The selected notes of the backup; null while the dialog is closed. */
  ids: readonly string[] | null;
  onConfirm: () => void;
  onCancel: () => void;
  onError: (error: unknown) => void;
}

interface Pair {
  id: string;
  backup: Note;
  /** The note as it is now; null when it is no longer among the current notes. */
  current: Note | null;
}

/**
 * Before "Replace current version" overwrites notes, what it would change: for each selected
 * note, its title and a line diff of the current text against the backup's (issue #14).
 */
export function ReplacePreview({ sessionId, ids, onConfirm, onCancel, onError }: ReplacePreviewProps) {
  const pairs = useApiCall<Pair[]>(
    (api) =>
      ids === null
        ? null
        : Promise.all(
            ids.map(async (id) => ({
              id,
              backup: await api.browse.get({ sessionId, id }),
              // A note deleted since the backup comes back as a new note instead.
              current: await api.notes.get({ id }).catch(() => null),
            })),
          ),
    [sessionId, ids],
    onError,
  );
  return (
    <ModalDialog open={ids !== null} title="Replace current version?" onEscape={onCancel}>
      {pairs.data ? (
        <>
          <p>
            Each note below goes back to the backup&apos;s version. Lines marked − leave the note, lines
            marked + come back.
          </p>
          <div className="replace-preview-notes">
            {pairs.data.map((pair) => (
              <PairDiff key={pair.id} pair={pair} />
            ))}
          </div>
        </>
      ) : (
        <p>Comparing with your current notes…</p>
      )}
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" disabled={!pairs.data} onClick={onConfirm}>
          Replace with the backup&apos;s version
        </button>
      </div>
    </ModalDialog>
  );
}

function PairDiff({ pair: { backup, current } }: { pair: Pair }) {
  const title = displayTitle(backup.title);
  return (
    <section className="replace-preview-note" aria-label={title}>
      <h3>{title}</h3>
      {current === null ? (
        <p className="replace-preview-meta">Not among your current notes: it comes back as a new note.</p>
      ) : current.title === backup.title && current.body === backup.body ? (
        <p className="replace-preview-meta">Your current version is the same as the backup&apos;s.</p>
      ) : (
        <>
          {current.title !== backup.title && (
            <p className="replace-preview-meta">
              Title: {displayTitle(current.title)} → {title}
            </p>
          )}
          <NoteDiff before={current.body} after={backup.body} label={`Changes to ${title}`} />
        </>
      )}
    </section>
  );
}

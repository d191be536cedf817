import { useId } from 'react';

interface BringBackActionsProps {
  /** How many notes of the backup are ticked. */
  selected: number;
  onBringBackAsNew: () => void;
  /** Opens the Replace preview (ReplacePreview), which shows what would change first. */
  onReviewReplace: () => void;
}

/**
 * A browsed backup's two ways to bring ticked notes back. No "(0)" on the buttons: the count
 * shows once notes are ticked, and while none is, the reason sits beside them (issue #14).
 */
export function BringBackActions({ selected, onBringBackAsNew, onReviewReplace }: BringBackActionsProps) {
  const id = useId();
  const none = selected === 0;
  const countSuffix = none ? '' : ` (${selected})`;
  const reasonId = none ? `${id}-reason` : undefined;
  return (
    <div className="browse-actions" role="group" aria-label="Bring back selected notes">
      <button type="button" disabled={none} aria-describedby={reasonId} onClick={onBringBackAsNew}>
        Bring back as new{countSuffix}
      </button>
      <button type="button" disabled={none} aria-describedby={reasonId} onClick={onReviewReplace}>
        Replace current version{countSuffix}…
      </button>
      {none && (
        <span id={reasonId} className="disabled-reason">
          Tick the notes to bring back first.
        </span>
      )}
    </div>
  );
}

import { formatClockTime } from '../format';
import type { SaveStatus } from '../hooks/useAutosave';

const TEXT: Record<SaveStatus['kind'], (status: SaveStatus) => string> = {
  idle: () => '',
  saving: () => 'Saving…',
  saved: (status) => (status.kind === 'saved' ? `Saved at ${formatClockTime(status.at)}` : ''),
  failed: () => 'Not saved',
};

/** A polite live region, so screen readers hear "Saved at 14:05" without losing their place. */
export function SaveIndicator({ status }: { status: SaveStatus }) {
  return (
    <span className={`save-indicator save-${status.kind}`} role="status" aria-live="polite">
      {TEXT[status.kind](status)}
    </span>
  );
}

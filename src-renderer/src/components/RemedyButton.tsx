import type { FailureRemedy } from '../../../src-shared/settings';

interface RemedyButtonProps {
  remedy: FailureRemedy | undefined;
  onOpenSettings: () => void;
}

/**
 * The button to the place that fixes a failure, when main named one (a run's `remedy`), so a
 * sentence that says "in Settings" comes with a way there. Keyed on the remedy, never on the text.
 */
export function RemedyButton({ remedy, onOpenSettings }: RemedyButtonProps) {
  if (remedy !== 'settings') return null;
  return (
    <button type="button" onClick={onOpenSettings}>
      Open Settings
    </button>
  );
}

import type { HealthWarningView } from '../../../src-shared/ipc/contract-schedule';
import { ErrorDetails } from './ErrorDetails';
import { RemedyButton } from './RemedyButton';

interface HealthBannerProps {
  warnings: readonly HealthWarningView[];
  /** Goes to Settings, for a warning fixed there. */
  onOpenSettings: () => void;
  /** Goes to the Health view, which shows every check with the action that fixes it. */
  onOpenHealth?: (() => void) | undefined;
}

/** Backup problems a person should see without asking: stale, failed, a drop in the note count. */
export function HealthBanner({ warnings, onOpenSettings, onOpenHealth }: HealthBannerProps) {
  if (warnings.length === 0) return null;
  return (
    <div className="health-banner" role="alert">
      <h3>Backups need attention</h3>
      <ul>
        {warnings.map((warning) => (
          <li key={warning.kind}>
            {warning.message} <RemedyButton remedy={warning.remedy} onOpenSettings={onOpenSettings} />
            <ErrorDetails error={warning} />
          </li>
        ))}
      </ul>
      {onOpenHealth ? (
        <p>
          <button type="button" onClick={onOpenHealth}>
            Open Health
          </button>
        </p>
      ) : null}
    </div>
  );
}

import type { HealthWarningView } from '../../../src-shared/ipc/contract-schedule';
import { ErrorDetails } from './ErrorDetails';

/** Backup problems a person should see without asking: stale, failed, a drop in the note count. */
export function HealthBanner({ warnings }: { warnings: readonly HealthWarningView[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="health-banner" role="alert">
      <h3>Backups need attention</h3>
      <ul>
        {warnings.map((warning) => (
          <li key={warning.kind}>
            {warning.message}
            <ErrorDetails error={warning} />
          </li>
        ))}
      </ul>
    </div>
  );
}

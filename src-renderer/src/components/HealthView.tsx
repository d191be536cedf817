import { useEffect, useRef } from 'react';
import { useEscapeToLeave } from '../hooks/useEscapeToLeave';
import { useHealthActions } from '../hooks/useHealthActions';
import type { HealthNavigation } from '../hooks/useHealthActions';
import { useHealthReport } from '../hooks/useHealthReport';
import { BackupDialog } from './BackupDialog';
import { HealthItemRow } from './HealthItemRow';
import './health.css';

interface HealthViewProps extends HealthNavigation {
  onClose: () => void;
  onError: (error: unknown) => void;
}

/**
 * The health centre: main's one report on the backups (src-main/health/), problems first, each
 * item with the button that fixes it. The heading takes focus when the view opens; Escape leaves.
 */
export function HealthView({ onClose, onError, ...navigation }: HealthViewProps) {
  const report = useHealthReport(onError);
  const actions = useHealthActions(navigation, onError);
  const heading = useRef<HTMLHeadingElement>(null);
  useEscapeToLeave(onClose, !actions.backingUp);
  useEffect(() => heading.current?.focus(), []);

  const attention = report?.items.filter((item) => item.severity !== 'ok') ?? [];
  const fine = report?.items.filter((item) => item.severity === 'ok') ?? [];
  return (
    <section className="health-view" aria-labelledby="health-heading">
      <div className="view-header">
        <h2 id="health-heading" ref={heading} tabIndex={-1}>
          Health
        </h2>
        <button type="button" onClick={onClose}>
          Back to notes
        </button>
      </div>
      {report === null ? null : (
        <p className={`health-summary health-${report.worst}`}>
          {report.worst === 'ok' ? 'Backups are fine. ' : ''}
          {report.summary}
        </p>
      )}
      <p role="status" className="view-notice">
        {actions.notice}
      </p>
      {attention.length > 0 ? (
        <>
          <h3 className="health-group">Needs attention</h3>
          <ul className="health-items" aria-label="Needs attention">
            {attention.map((item) => (
              <HealthItemRow key={item.id} item={item} working={actions.working} onAction={actions.act} />
            ))}
          </ul>
        </>
      ) : null}
      {fine.length > 0 ? (
        <>
          <h3 className="health-group">Fine</h3>
          <ul className="health-items" aria-label="Fine">
            {fine.map((item) => (
              <HealthItemRow key={item.id} item={item} working={actions.working} onAction={actions.act} />
            ))}
          </ul>
        </>
      ) : null}
      <BackupDialog open={actions.backingUp} onClose={actions.closeBackup} />
    </section>
  );
}

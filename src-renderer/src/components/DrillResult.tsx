import { drillText } from '../../../src-shared/drill-text';
import type { DrillRunView } from '../../../src-shared/ipc/contract-drills';
import { drillRunText } from '../drill-run-text';
import { ErrorDetails } from './ErrorDetails';
import './backup-destinations.css';

/** What "Test a restore now" found: one sentence, then each backup tested, a failure's Details under it. */
export function DrillResult({
  run,
  destinationName,
}: {
  run: DrillRunView;
  destinationName: (id: string) => string;
}) {
  return (
    <div className="drill-result">
      <p>{drillRunText(run)}</p>
      {run.outcomes.length === 0 ? null : (
        <ul className="backup-copies">
          {run.outcomes.map((outcome) => {
            const sentence =
              outcome.outcome === 'not-tested'
                ? `Not tested: ${outcome.message ?? ''}`
                : drillText({ ...outcome, ok: outcome.outcome === 'passed' }, outcome.at);
            return (
              <li key={`${outcome.destinationId}/${outcome.name}`} className={`drill-${outcome.outcome}`}>
                <span className="copy-folder">{destinationName(outcome.destinationId)}</span>, {outcome.name}:{' '}
                {sentence}
                <ErrorDetails error={{ message: outcome.message ?? '', details: outcome.details }} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

import type { HealthActionKind, HealthItem, HealthSeverity } from '../../../src-shared/ipc/contract-health';
import { ErrorDetails } from './ErrorDetails';

/** Said in words, not only in colour. */
const SEVERITY_LABELS: Record<HealthSeverity, string> = {
  problem: 'Problem',
  warning: 'Warning',
  ok: 'OK',
};

interface HealthItemRowProps {
  item: HealthItem;
  /** The action running now, if any: its button says so and the others wait. */
  working: HealthActionKind | null;
  onAction: (kind: HealthActionKind) => void;
}

/** One item of the health report: its severity, title, sentence, details and the button that fixes it. */
export function HealthItemRow({ item, working, onAction }: HealthItemRowProps) {
  const { action } = item;
  return (
    <li className={`health-item health-${item.severity}`} data-health-item={item.id}>
      <span className="health-severity">{SEVERITY_LABELS[item.severity]}</span>
      <div className="health-text">
        <h3>{item.title}</h3>
        <p>{item.message}</p>
        <ErrorDetails error={item} />
      </div>
      {action ? (
        <button type="button" disabled={working !== null} onClick={() => onAction(action.kind)}>
          {working === action.kind ? `${action.label}…` : action.label}
        </button>
      ) : null}
    </li>
  );
}

import { useId } from 'react';
import type { TransferItem } from '../../../src-shared/ipc/contract-transfer';
import { formatCount } from '../../../src-shared/format';

interface TransferItemsProps {
  heading: string;
  items: TransferItem[];
  /** The full count; main sends at most a thousand items. */
  total: number;
}

/**
 * Each item an import or export left out (or changed), with its reason: a list in a region
 * that scrolls and takes focus, so the keyboard reaches every line of a long report.
 */
export function TransferItems({ heading, items, total }: TransferItemsProps) {
  const id = useId();
  if (total === 0) return null;
  return (
    <div className="transfer-items">
      <h3 id={`${id}-heading`}>
        {heading} ({total})
      </h3>
      <div className="transfer-items-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-heading`}>
        <ul>
          {items.map((entry, index) => (
            <li key={index}>
              <span className="transfer-item-name">{entry.item}</span>: {entry.reason}
            </li>
          ))}
        </ul>
      </div>
      {total > items.length ? (
        <p>
          and {formatCount(total - items.length, 'more item')}; the command line's{' '}
          <code>notevault import --json</code> lists them all.
        </p>
      ) : null}
    </div>
  );
}

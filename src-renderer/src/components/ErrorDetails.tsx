import type { ShownError } from '../api';
import './error-details.css';

/**
 * The technical side of an error (its code, and the file and byte offset the pipeline named),
 * behind a native disclosure: collapsed, reachable by Tab, opened with Enter or Space, and
 * read by screen readers as a button that expands. Nothing shows when there is nothing to add.
 */
export function ErrorDetails({ error }: { error: ShownError }) {
  if (error.details === undefined) return null;
  return (
    <details className="error-details">
      <summary>Details</summary>
      {error.code === undefined ? null : (
        <p>
          Code: <code>{error.code}</code>
        </p>
      )}
      <p className="error-details-text">{error.details}</p>
    </details>
  );
}

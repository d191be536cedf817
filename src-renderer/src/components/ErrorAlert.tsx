import type { ShownError } from '../api';
import { ErrorDetails } from './ErrorDetails';

/** The window's error banner: the sentence (announced), its details on request, and Dismiss. */
export function ErrorAlert({ error, onDismiss }: { error: ShownError | null; onDismiss: () => void }) {
  if (error === null) return null;
  return (
    <div className="error-alert" role="alert">
      <div className="error-alert-text">
        <p>{error.message}</p>
        <ErrorDetails error={error} />
      </div>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

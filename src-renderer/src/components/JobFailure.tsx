import type { ShownError } from '../api';
import { ErrorDetails } from './ErrorDetails';

interface JobFailureProps {
  error: ShownError;
  onClose: () => void;
  onRetry: () => void;
}

/**
 * What went wrong in one sentence (the catalogue's: it says what to do), the technical text
 * behind "Details", and Try again focused.
 */
export function JobFailure({ error, onClose, onRetry }: JobFailureProps) {
  return (
    <>
      <p role="alert" className="dialog-error">
        {error.message}
      </p>
      <ErrorDetails error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" autoFocus onClick={onRetry}>
          Try again
        </button>
      </div>
    </>
  );
}

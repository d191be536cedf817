interface JobFailureProps {
  message: string;
  onClose: () => void;
  onRetry: () => void;
}

/** What went wrong (the main process's sentence says what to do), with Try again focused. */
export function JobFailure({ message, onClose, onRetry }: JobFailureProps) {
  return (
    <>
      <p role="alert" className="dialog-error">
        {message}
      </p>
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

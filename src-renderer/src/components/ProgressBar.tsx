import type { JobProgressEvent } from '../../../src-shared/ipc/contract-backup';
import { percentOf, phaseText } from '../job-progress';

interface ProgressBarProps {
  /** What is running, e.g. "Backup progress": the bar's accessible name. */
  label: string;
  progress: JobProgressEvent | null;
}

/** The current phase in words, and how far through it the job is. */
export function ProgressBar({ label, progress }: ProgressBarProps) {
  const percent = percentOf(progress);
  const text = progress === null ? 'Starting…' : phaseText(progress.phase);
  return (
    <div className="job-progress">
      <div
        className="job-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${text} ${percent}%`}
      >
        <div className="job-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="job-progress-text" aria-live="polite">
        {text} <span className="job-progress-percent">{percent}%</span>
      </p>
    </div>
  );
}

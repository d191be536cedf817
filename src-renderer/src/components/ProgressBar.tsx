import type { JobProgressEvent } from '../../../src-shared/ipc/contract-backup';
import type { OverallProgress } from '../../../src-shared/job-progress';
import { percentOf, phaseText, timeLeftText } from '../job-progress';

interface ProgressBarProps {
  /** What is running, e.g. "Backup progress": the bar's accessible name. */
  label: string;
  progress: JobProgressEvent | null;
  /**
   * The whole job's progress across its phases, with the time left (a backup's, from
   * useBackupProgress); without it the bar shows how far through the current phase it is.
   */
  overall?: OverallProgress | undefined;
}

/** The current phase in words, how far the job is, and the time left when known. */
export function ProgressBar({ label, progress, overall }: ProgressBarProps) {
  const percent = overall === undefined ? percentOf(progress) : overall.percent;
  const text = progress === null ? 'Starting…' : phaseText(progress.phase);
  const left = overall === undefined ? '' : timeLeftText(overall.secondsLeft);
  return (
    <div className="job-progress">
      <div
        className="job-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${text} ${percent}%${left === '' ? '' : ` ${left}`}`}
      >
        <div className="job-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="job-progress-text" aria-live="polite">
        {text} <span className="job-progress-percent">{percent}%</span>
        {left === '' ? null : <span className="job-progress-left"> {left}</span>}
      </p>
    </div>
  );
}

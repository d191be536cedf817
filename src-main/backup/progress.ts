import type { JobPhase, JobProgressEvent } from '../../src-shared/job-progress';
import type { FileLayerOptions } from '../fsx/retry';

export type BackupPhase = JobPhase;
export type JobProgress = JobProgressEvent;

export interface JobControls {
  /** Aborting stops the job at the next safe point with NoteVaultError('CANCELLED'). */
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  /** The file layer's seam and retry tuning; tests inject faults here. */
  fileLayer?: FileLayerOptions;
}

export function report(
  controls: JobControls,
  phase: BackupPhase,
  bytesDone: number,
  bytesTotal: number,
): void {
  controls.onProgress?.({ phase, bytesDone, bytesTotal });
}

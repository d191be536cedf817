import type { JobProgress } from '../progress';

export const PROGRESS_INTERVAL_MS = 100;

/**
 * Thins out progress reports before they cross to the main thread: the pipeline reports
 * about once per MiB, which on a fast disk is hundreds of messages a second that nobody
 * can see. A new phase always goes out at once (a person should see "verifying" the
 * moment it starts), and so does the end of a phase; in between, at most one report per
 * interval. The last report held back in an interval is sent when the interval ends, so
 * the bar never stops short of where the work really is.
 */
export class ProgressThrottle {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastPhase: JobProgress['phase'] | undefined;
  private pending: JobProgress | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (progress: JobProgress) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  report(progress: JobProgress): void {
    const phaseChanged = progress.phase !== this.lastPhase;
    const phaseEnded = progress.bytesTotal > 0 && progress.bytesDone >= progress.bytesTotal;
    if (phaseChanged) this.flush();
    if (phaseChanged || phaseEnded || this.now() - this.lastSentAt >= this.intervalMs) {
      this.dropPending();
      this.emit(progress);
      return;
    }
    this.pending = { ...progress };
    this.timer ??= setTimeout(
      () => this.flush(),
      Math.max(0, this.lastSentAt + this.intervalMs - this.now()),
    );
  }

  /** Sends a report still held back; call before the job's final message. */
  flush(): void {
    const held = this.pending;
    this.dropPending();
    if (held !== undefined) this.emit(held);
  }

  private emit(progress: JobProgress): void {
    this.lastSentAt = this.now();
    this.lastPhase = progress.phase;
    this.send({ phase: progress.phase, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal });
  }

  private dropPending(): void {
    this.pending = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

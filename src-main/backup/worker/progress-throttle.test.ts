import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobProgress } from '../progress';
import { ProgressThrottle } from './progress-throttle';

describe('ProgressThrottle', () => {
  let now = 0;
  let sent: JobProgress[] = [];
  let throttle: ProgressThrottle;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 1000;
    sent = [];
    throttle = new ProgressThrottle(
      (p) => sent.push(p),
      100,
      () => now,
    );
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first report and every phase change at once', () => {
    throttle.report({ phase: 'snapshot', bytesDone: 0, bytesTotal: 1 });
    throttle.report({ phase: 'encrypting', bytesDone: 0, bytesTotal: 10 });
    throttle.report({ phase: 'verifying', bytesDone: 0, bytesTotal: 10 });
    expect(sent.map((p) => p.phase)).toEqual(['snapshot', 'encrypting', 'verifying']);
  });

  it('sends at most one report per interval within a phase, then the latest one held back', () => {
    throttle.report({ phase: 'encrypting', bytesDone: 0, bytesTotal: 100 });
    for (let done = 1; done <= 5; done++) {
      now += 10;
      throttle.report({ phase: 'encrypting', bytesDone: done, bytesTotal: 100 });
    }
    expect(sent).toHaveLength(1);
    now = 1100;
    vi.advanceTimersByTime(100);
    expect(sent.map((p) => p.bytesDone)).toEqual([0, 5]);
    now = 1250;
    throttle.report({ phase: 'encrypting', bytesDone: 6, bytesTotal: 100 });
    expect(sent.map((p) => p.bytesDone)).toEqual([0, 5, 6]);
  });

  it('always sends the end of a phase, dropping what was held back', () => {
    throttle.report({ phase: 'encrypting', bytesDone: 0, bytesTotal: 100 });
    now += 5;
    throttle.report({ phase: 'encrypting', bytesDone: 50, bytesTotal: 100 });
    now += 5;
    throttle.report({ phase: 'encrypting', bytesDone: 100, bytesTotal: 100 });
    vi.runAllTimers();
    expect(sent.map((p) => p.bytesDone)).toEqual([0, 100]);
  });

  it('sends a held-back report before the next phase starts, and on flush', () => {
    throttle.report({ phase: 'encrypting', bytesDone: 0, bytesTotal: 100 });
    now += 5;
    throttle.report({ phase: 'encrypting', bytesDone: 40, bytesTotal: 100 });
    throttle.report({ phase: 'verifying', bytesDone: 0, bytesTotal: 100 });
    now += 5;
    throttle.report({ phase: 'verifying', bytesDone: 30, bytesTotal: 100 });
    throttle.flush();
    expect(sent).toEqual([
      { phase: 'encrypting', bytesDone: 0, bytesTotal: 100 },
      { phase: 'encrypting', bytesDone: 40, bytesTotal: 100 },
      { phase: 'verifying', bytesDone: 0, bytesTotal: 100 },
      { phase: 'verifying', bytesDone: 30, bytesTotal: 100 },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('copies reports, so a caller reusing its object cannot change one already queued', () => {
    const progress: JobProgress = { phase: 'encrypting', bytesDone: 0, bytesTotal: 100 };
    throttle.report(progress);
    now += 1;
    progress.bytesDone = 10;
    throttle.report(progress);
    progress.bytesDone = 20;
    throttle.flush();
    expect(sent.map((p) => p.bytesDone)).toEqual([0, 10]);
  });
});

import { describe, expect, it } from 'vitest';
import { BACKUP_PHASES, backupPhaseSeconds, estimatedSeconds, overallBackupProgress } from './job-progress';
import type { BackupPhaseSeconds, JobPhase, OverallProgress, ProgressSample } from './job-progress';

const MB = 1_000_000;

describe('backupPhaseSeconds and estimatedSeconds', () => {
  it('adds the key derivation to what the bytes take through each phase', () => {
    const phases = backupPhaseSeconds(100 * MB, 2);
    expect(phases['deriving-key']).toBe(2);
    // The measured order of costs: the snapshot is the slowest per byte, reading back the fastest.
    expect(phases.snapshot).toBeGreaterThan(phases.encrypting);
    expect(phases.encrypting).toBeGreaterThan(phases.verifying);
    // 100 MB: 2.5 + 1 + 0.67 s, plus 2 s of Argon2id and 0.8 s fixed: about 7 s (measured 4.6 s + 2.2 s).
    expect(estimatedSeconds(phases)).toBe(7);
  });

  it('grows with the database and never says less than a second', () => {
    expect(estimatedSeconds(backupPhaseSeconds(0, 0))).toBe(1);
    expect(estimatedSeconds(backupPhaseSeconds(10 * MB, 2))).toBe(4);
    expect(estimatedSeconds(backupPhaseSeconds(1000 * MB, 2))).toBe(45);
  });
});

/** A backup's reports, replayed through the function as the dialog's hook does. */
function replay(phases: BackupPhaseSeconds, samples: ProgressSample[]): OverallProgress[] {
  const seen: OverallProgress[] = [];
  let previous: OverallProgress | null = null;
  for (const sample of samples) {
    previous = overallBackupProgress(phases, sample, previous);
    seen.push(previous);
  }
  return seen;
}

const at = (
  phase: JobPhase,
  bytesDone: number,
  bytesTotal: number,
  elapsedMs: number,
  phaseElapsedMs = 0,
): ProgressSample => ({ event: { phase, bytesDone, bytesTotal }, elapsedMs, phaseElapsedMs });

describe('overallBackupProgress', () => {
  const phases = backupPhaseSeconds(40 * MB, 2);

  it('is one rising percentage across the phases, where each phase alone went 0, 87, then back to 56', () => {
    const seen = replay(phases, [
      { event: null, elapsedMs: 0, phaseElapsedMs: 0 },
      at('checking-space', 0, 0, 100),
      at('deriving-key', 0, 0, 300, 0),
      at('deriving-key', 0, 0, 1300, 1000),
      at('snapshot', 0, 0, 2600, 0),
      at('snapshot', 35 * MB, 40 * MB, 3400, 800),
      at('encrypting', 0, 40 * MB, 3600, 0),
      at('encrypting', 22 * MB, 40 * MB, 3900, 300),
      at('verifying', 40 * MB, 40 * MB, 4400, 0),
      at('finishing', 0, 0, 4500, 0),
    ]);
    const percents = seen.map((p) => p.percent);
    for (let i = 1; i < percents.length; i++)
      expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1] ?? 0);
    expect(percents[0]).toBe(0);
    // The key derivation fills the bar by time instead of sitting at 0 % for seconds.
    expect(percents[3]).toBeGreaterThan(percents[2] ?? 0);
    // Encrypting at 55 % is past the snapshot's end, not "56 %" of the whole job.
    expect(percents[7]).toBeGreaterThan(percents[5] ?? 0);
    expect(percents[7]).toBeLessThan(100);
    expect(percents.at(-1)).toBeGreaterThanOrEqual(90);
  });

  it('weights each phase by its expected share of the time', () => {
    const even: BackupPhaseSeconds = {
      'checking-space': 0,
      'deriving-key': 5,
      snapshot: 5,
      encrypting: 0,
      verifying: 0,
      finishing: 0,
    };
    expect(overallBackupProgress(even, at('snapshot', 0, 10, 5000), null).percent).toBe(50);
    expect(overallBackupProgress(even, at('snapshot', 5, 10, 7500), null).percent).toBe(75);
    expect(overallBackupProgress(even, at('snapshot', 10, 10, 10_000), null).percent).toBe(100);
  });

  it('moves before the first report too, while the worker starts', () => {
    const waiting = overallBackupProgress(phases, { event: null, elapsedMs: 400, phaseElapsedMs: 0 }, null);
    expect(waiting.percent).toBeGreaterThan(0);
    expect(waiting.percent).toBeLessThan(
      Math.ceil((phases['checking-space'] / estimatedSeconds(phases)) * 100),
    );
  });

  it('never fills a timed phase to its end, whatever the clock says', () => {
    const onlyKey: BackupPhaseSeconds = { ...backupPhaseSeconds(0, 2), 'checking-space': 0, finishing: 0 };
    const late = overallBackupProgress(onlyKey, at('deriving-key', 0, 0, 60_000, 60_000), null);
    expect(late.percent).toBe(90);
  });

  it('never goes back, also for a phase it does not know', () => {
    const previous = { percent: 60, secondsLeft: 3 };
    expect(overallBackupProgress(phases, at('snapshot', 0, 0, 1000), previous).percent).toBe(60);
    expect(overallBackupProgress(phases, at('replacing', 1, 2, 1000), previous).percent).toBe(60);
  });

  it('says the time left only once enough has passed, from the pace so far', () => {
    const early = overallBackupProgress(phases, at('deriving-key', 0, 0, 1000, 900), null);
    expect(early.secondsLeft).toBeNull();
    const even: BackupPhaseSeconds = {
      ...backupPhaseSeconds(0, 0),
      'checking-space': 0,
      finishing: 0,
      snapshot: 4,
    };
    // Half done after 3 s: about 3 s left, whatever the estimate said.
    expect(overallBackupProgress(even, at('snapshot', 5, 10, 3000), null)).toEqual({
      percent: 50,
      secondsLeft: 3,
    });
    expect(overallBackupProgress(even, at('snapshot', 10, 10, 6000), null).secondsLeft).toBe(0);
  });

  it('lists every backup phase the pipeline reports', () => {
    expect(BACKUP_PHASES).toEqual([
      'checking-space',
      'deriving-key',
      'snapshot',
      'encrypting',
      'verifying',
      'finishing',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { DrillOutcomeView, DrillRunView } from '../../src-shared/ipc/contract-drills';
import { drillRunText } from './drill-run-text';

const outcome = (result: DrillOutcomeView['outcome'], name = 'b.nvbak'): DrillOutcomeView => ({
  name,
  destinationId: 'primary',
  outcome: result,
  noteCount: result === 'passed' ? 3104 : null,
  attachmentCount: null,
  message: result === 'passed' ? null : `The backup "${name}" is shorter than when it was made.`,
  at: 1,
});
const run = (outcomes: DrillOutcomeView[], stopped: DrillRunView['stopped'] = null): DrillRunView => ({
  trigger: 'window',
  startedAt: 0,
  finishedAt: 1,
  outcomes,
  stopped,
});

describe('drillRunText', () => {
  it('says how many backups restored completely', () => {
    expect(drillRunText(run([outcome('passed'), outcome('passed')]))).toBe(
      '2 backups restored completely, every note as it was backed up.',
    );
  });

  it('puts a failure first, with what to do', () => {
    expect(drillRunText(run([outcome('passed'), outcome('failed')]))).toBe(
      '1 backup of 2 failed the restore test: make a new backup now, and see below what failed.',
    );
  });

  it('tells a backup that could not be tried from one that failed', () => {
    expect(drillRunText(run([outcome('not-tested')]))).toBe('No backup could be tested: see below why.');
    expect(drillRunText(run([outcome('passed'), outcome('not-tested')]))).toContain(
      '1 backup could not be tested',
    );
  });

  it('says when there was nothing to test, and when the run stopped', () => {
    expect(drillRunText(run([]))).toContain('no backup to test yet');
    expect(drillRunText(run([outcome('passed')], 'cancelled'))).toBe('Restore test stopped after 1 backup.');
    expect(drillRunText(run([], 'gave-way'))).toContain('runs again later');
  });
});

import { formatCount, formatNumber } from '../../src-shared/format';
import type { DrillOutcomeView, DrillRunView } from '../../src-shared/ipc/contract-drills';

/** One sentence for a whole run of restore tests: what passed, what failed, whether it stopped. */
export function drillRunText(run: DrillRunView): string {
  const count = (outcome: DrillOutcomeView['outcome']) =>
    run.outcomes.filter((entry) => entry.outcome === outcome).length;
  const failed = count('failed');
  const passed = count('passed');
  const untested = count('not-tested');
  if (run.stopped === 'cancelled')
    return `Restore test stopped after ${formatCount(passed + failed, 'backup')}.`;
  if (run.stopped === 'gave-way')
    return 'The restore test gave way to the job you started; it runs again later.';
  if (run.outcomes.length === 0) return 'There is no backup to test yet: make a backup first.';
  if (failed > 0)
    return `${formatCount(failed, 'backup')} of ${formatNumber(run.outcomes.length)} failed the restore test: make a new backup now, and see below what failed.`;
  if (untested > 0 && passed === 0) return 'No backup could be tested: see below why.';
  const tail = untested > 0 ? ` ${formatCount(untested, 'backup')} could not be tested: see below why.` : '';
  return `${formatCount(passed, 'backup')} restored completely, every note as it was backed up.${tail}`;
}

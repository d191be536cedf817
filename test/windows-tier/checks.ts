/**
 * The verdict on one case: did the operation end as the measured table predicts, and is the folder
 * exactly what it must be? Every check is stated as a sentence so a failing run says what went wrong.
 *
 * Beyond the outcome it checks that the lock was real: an operation the holder blocks must have been
 * retried and must have succeeded only after the holder let go (short hold), or have given up while
 * the file was still held, no sooner than the budget (long hold); a free operation must have
 * succeeded on its first attempt while the file was held.
 */
import { diffTrees, filesWithPlaintext } from './case-files';
import type { HolderMode, Outcome, Phase, RunnerResult } from './protocol';
import type { Operation, Tree } from './scenarios';
import { BYSTANDERS, expectedOutcome } from './scenarios';

/** Lateness allowed between the holder's close and its "released" time stamp, and clock reads. */
const CLOCK_TOLERANCE_MS = 50;
/** Time a case may spend beyond its budgets (process scheduling on a loaded 2-core machine). */
const BUDGET_SLACK_MS = 2000;

export interface ProcessExit {
  code: number | null;
  timedOut: boolean;
}

export interface CaseEvidence {
  op: Operation;
  mode: HolderMode;
  phase: Phase;
  /** The budget the operation ran with (the library default where the case passed none). */
  budgetMs: number;
  /** Windows path of the case's data folder, as the runner saw it. */
  dataDirWin: string;
  runner: ProcessExit;
  holder: ProcessExit;
  result: RunnerResult | undefined;
  /** The holder's "released" signal. */
  released: { releasedAt: number; why: string } | undefined;
  /** The case's own files before (without bystanders) and everything found afterwards. */
  before: Tree;
  found: Tree;
}

export interface Verdict {
  expected: Outcome;
  outcome: Outcome | 'no result';
  problems: string[];
}

function totalRetries(result: RunnerResult): number {
  return Object.values(result.retries).reduce((sum, n) => sum + n, 0);
}

/** The processes of a case ran and ended as they should; shared with the copy-in case. */
export function processProblems(
  e: Pick<CaseEvidence, 'runner' | 'holder' | 'released' | 'result'>,
): string[] {
  const problems: string[] = [];
  if (e.runner.timedOut) problems.push('the runner (node.exe) did not finish in time and was killed');
  else if (e.runner.code !== 0) problems.push(`the runner (node.exe) exited with code ${e.runner.code}`);
  if (e.holder.timedOut) problems.push('the holder did not finish in time and was killed');
  else if (e.holder.code !== 0) problems.push(`the holder exited with code ${e.holder.code}`);
  if (!e.released) problems.push('the holder never signalled that it let go of the file');
  if (e.result?.holderProblem) problems.push(e.result.holderProblem);
  return problems;
}

function lockedProblems(e: CaseEvidence, result: RunnerResult, releasedAt: number): string[] {
  const problems: string[] = [];
  const named = `${e.dataDirWin}\\${e.op.lockedName.replace(/\//g, '\\')}`;
  if (!result.message?.includes(named)) problems.push(`the FILE_LOCKED message does not name "${named}"`);
  if (!result.message?.includes('another program is using the file')) {
    problems.push('the FILE_LOCKED message does not say that another program is using the file');
  }
  if (result.elapsedMs < e.budgetMs - CLOCK_TOLERANCE_MS) {
    problems.push(`it gave up after ${Math.round(result.elapsedMs)} ms, before the ${e.budgetMs} ms budget`);
  }
  const limit = e.op.budgets * e.budgetMs + BUDGET_SLACK_MS;
  if (result.elapsedMs > limit) {
    problems.push(`it took ${Math.round(result.elapsedMs)} ms, more than ${e.op.budgets} budget(s) allow`);
  }
  if (result.finishedAt > releasedAt + CLOCK_TOLERANCE_MS) {
    problems.push('it gave up only after the holder had let go, so the hold did not outlast the budget');
  }
  return problems;
}

function successProblems(e: CaseEvidence, result: RunnerResult, releasedAt: number): string[] {
  const problems: string[] = [];
  const retries = totalRetries(result);
  if (e.op.blockedBy[e.mode]) {
    if (retries === 0) problems.push('a blocked operation succeeded without a single retry');
    if (result.finishedAt < releasedAt - CLOCK_TOLERANCE_MS) {
      problems.push('a blocked operation succeeded while the holder still held the file');
    }
  } else {
    if (retries > 0) problems.push(`a free operation was retried ${retries} time(s)`);
    if (result.finishedAt > releasedAt + CLOCK_TOLERANCE_MS) {
      problems.push(
        'a free operation finished only after the holder let go, so it was not tested against a held file',
      );
    }
  }
  return problems;
}

function sweepProblems(e: CaseEvidence, result: RunnerResult): string[] {
  const problems: string[] = [];
  const counts = e.op.sweepCounts;
  if (counts) {
    const { removedPartials = -1, wipedFiles = -1 } = result.sweep ?? {};
    if (removedPartials !== counts.removedPartials || wipedFiles !== counts.wipedFiles) {
      problems.push(
        `the sweep removed ${removedPartials} partial(s) and wiped ${wipedFiles} leftover(s), ` +
          `expected ${counts.removedPartials} and ${counts.wipedFiles}`,
      );
    }
  }
  if (e.phase !== 'short') {
    const after = result.sweepAfterRelease;
    if (!after) problems.push('no sweep ran after the holder let go');
    else if (after.failures.length > 0) {
      problems.push(
        `the sweep after release still failed: ${after.failures.map((f) => f.message).join(' | ')}`,
      );
    }
  }
  return problems;
}

export function judgeCase(e: CaseEvidence): Verdict {
  const expected = expectedOutcome(e.op, e.mode, e.phase);
  const problems = processProblems(e);
  const result = e.result;
  if (!result)
    return { expected, outcome: 'no result', problems: [...problems, 'the runner wrote no result'] };

  if (result.outcome !== expected) {
    problems.push(
      `expected ${expected}, got ${result.outcome}${result.message ? `: ${result.message}` : ''}`,
    );
  }
  const releasedAt = e.released?.releasedAt ?? Number.POSITIVE_INFINITY;
  if (result.outcome === 'FILE_LOCKED' && expected === 'FILE_LOCKED') {
    problems.push(...lockedProblems(e, result, releasedAt));
  }
  if (result.outcome === 'ok' && expected === 'ok') problems.push(...successProblems(e, result, releasedAt));
  problems.push(...sweepProblems(e, result));

  if (result.outcome === 'ok' || result.outcome === 'FILE_LOCKED') {
    const want: Tree = { ...BYSTANDERS, ...e.op.after(e.before, result.outcome, e.phase !== 'short') };
    problems.push(...diffTrees(want, e.found).map((p) => `folder afterwards: ${p}`));
    const allowed = new Set(filesWithPlaintext(want));
    for (const name of filesWithPlaintext(e.found)) {
      if (!allowed.has(name)) problems.push(`plaintext survived in "${name}"`);
    }
  }
  return { expected, outcome: result.outcome, problems };
}

/**
 * The verdict on a copy-in case (copy-in-scenario.ts). Beyond the outcome it checks that the lock
 * was real and met where it matters: the sync client's first open was NoteVault's partial, the
 * rename was refused and retried, and it succeeded only after the client let go (short hold) or gave
 * up while the client still held it, within the budgets of the rename and of removing the partial
 * (long hold), after which the next copy completed. Afterwards the synced folder holds the
 * bystanders and one complete backup, with no partial; the staged source is untouched.
 */
import { readOwnedPartialName } from '../../src-main/fsx/partial-names';
import { diffTrees } from './case-files';
import type { ProcessExit, Verdict } from './checks';
import { processProblems } from './checks';
import type { HeldFile, LetGoFile } from './copy-in-scenario';
import { COPY_IN_NAME, copyInSource } from './copy-in-scenario';
import type { RunnerResult } from './protocol';
import type { Tree } from './scenarios';
import { BYSTANDERS } from './scenarios';

const CLOCK_TOLERANCE_MS = 50;
const BUDGET_SLACK_MS = 2000;
/** A failed copy waits out two budgets: the rename of the held partial, then its removal. */
const BUDGETS = 2;

export interface CopyInEvidence {
  phase: 'short' | 'long';
  budgetMs: number;
  /** Windows path of the synced folder, as the runner saw it. */
  dataDirWin: string;
  runner: ProcessExit;
  holder: ProcessExit;
  result: RunnerResult | undefined;
  released: { releasedAt: number; why: string } | undefined;
  /** The first new file the sync holder opened, and when it closed it again. */
  firstHeld: HeldFile | undefined;
  firstLetGo: LetGoFile | undefined;
  /** The synced folder and the staging folder afterwards, read from Linux. */
  found: Tree;
  staging: Tree;
}

function lockProblems(e: CopyInEvidence): string[] {
  if (!e.firstHeld) return ['the sync client never opened a new file in the folder'];
  const problems: string[] = [];
  if (readOwnedPartialName(e.firstHeld.name)?.finalName !== COPY_IN_NAME) {
    problems.push(`the sync client first opened "${e.firstHeld.name}", not the partial of ${COPY_IN_NAME}`);
  }
  if (!e.firstLetGo) problems.push('the sync client never said it let go of the first file');
  return problems;
}

function shortProblems(e: CopyInEvidence, result: RunnerResult, letGoAt: number): string[] {
  const problems: string[] = [];
  if (Object.keys(result.retries).length === 0) {
    problems.push('the copy succeeded without a single retry, so it never met the held partial');
  }
  if (result.finishedAt < letGoAt - CLOCK_TOLERANCE_MS) {
    problems.push('the copy finished while the sync client still held the partial');
  }
  return problems;
}

function longProblems(e: CopyInEvidence, result: RunnerResult, letGoAt: number): string[] {
  const problems: string[] = [];
  for (const named of [`"${COPY_IN_NAME}"`, `"${e.dataDirWin}"`]) {
    if (!result.message?.includes(named)) problems.push(`the FILE_LOCKED message does not name ${named}`);
  }
  if (!result.message?.includes('another program is using the file')) {
    problems.push('the FILE_LOCKED message does not say that another program is using the file');
  }
  // Timed from the rename, the step the client blocks: copying 4 MiB before it takes a while under Wine.
  if (result.renameTriedAt === undefined) problems.push('the copy never tried to rename its partial');
  else {
    const waited = result.finishedAt - result.renameTriedAt;
    if (waited < e.budgetMs - CLOCK_TOLERANCE_MS) {
      problems.push(`it gave up ${waited} ms after the first rename, before the ${e.budgetMs} ms budget`);
    }
    if (waited > BUDGETS * e.budgetMs + BUDGET_SLACK_MS) {
      problems.push(`it gave up ${waited} ms after the first rename, more than ${BUDGETS} budgets allow`);
    }
  }
  if (result.finishedAt > letGoAt + CLOCK_TOLERANCE_MS) {
    problems.push('it gave up only after the sync client let go, so the hold did not outlast the budget');
  }
  const after = result.copyAfterRelease;
  if (after?.outcome !== 'ok') {
    problems.push(
      `the copy after the sync client let go ended in ${after?.outcome ?? 'nothing'}` +
        (after?.message ? `: ${after.message}` : ''),
    );
  }
  return problems;
}

export function judgeCopyIn(e: CopyInEvidence): Verdict {
  const expected = e.phase === 'short' ? 'ok' : 'FILE_LOCKED';
  const problems = processProblems(e);
  const result = e.result;
  if (!result)
    return { expected, outcome: 'no result', problems: [...problems, 'the runner wrote no result'] };
  problems.push(...lockProblems(e));
  if (result.outcome !== expected) {
    problems.push(
      `expected ${expected}, got ${result.outcome}${result.message ? `: ${result.message}` : ''}`,
    );
  }
  const letGoAt = e.firstLetGo?.releasedAt ?? Number.POSITIVE_INFINITY;
  if (result.outcome === 'ok' && expected === 'ok') problems.push(...shortProblems(e, result, letGoAt));
  if (result.outcome === 'FILE_LOCKED' && expected === 'FILE_LOCKED') {
    problems.push(...longProblems(e, result, letGoAt));
  }
  const source = copyInSource();
  problems.push(
    ...diffTrees({ ...BYSTANDERS, [COPY_IN_NAME]: source }, e.found).map((p) => `synced folder: ${p}`),
    ...diffTrees({ [COPY_IN_NAME]: source }, e.staging).map((p) => `staging folder: ${p}`),
  );
  return { expected, outcome: result.outcome, problems };
}

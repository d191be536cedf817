/**
 * The copy-in case, driven from Linux (copy-in-scenario.ts): lay out the staging and synced folders,
 * start sync-holder.exe watching the synced folder, hand the case to a waiting Windows runner, then
 * read the result, the holder's signals and both folders, and judge (copy-in-checks.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTree, writeTree } from './case-files';
import type { CaseContext } from './case-run';
import type { Verdict } from './checks';
import { judgeCopyIn } from './copy-in-checks';
import type { HeldFile, LetGoFile } from './copy-in-scenario';
import {
  COPY_IN_NAME,
  COPY_IN_OP,
  COPY_IN_TITLE,
  copyInSource,
  heldSignal,
  letGoSignal,
  STAGING_FOLDER,
} from './copy-in-scenario';
import type { CaseSpec, RunnerResult } from './protocol';
import { SIGNALS, winPath } from './protocol';
import { seconds } from './report';
import type { RunnerSlot } from './runner-slot';
import { BYSTANDERS } from './scenarios';
import { startWine } from './wine-process';

export interface CopyInPlan {
  id: string;
  phase: 'short' | 'long';
  /** null: the library's default budget. */
  budgetMs: number | null;
  holdMs: number;
}

export interface CopyInRecord {
  plan: CopyInPlan;
  verdict: Verdict;
  result: RunnerResult | undefined;
  firstHeld: HeldFile | undefined;
  wallMs: number;
  caseDir: string;
  runnerLog: string;
}

/** About the second a sync client takes to hash a new file, against the default 3 s budget. */
const SHORT_HOLD_MS = 1000;
/** Outlasts both budgets a failed copy spends (rename, then removing the partial). */
const LONG_HOLD_MS = 6000;
const LONG_BUDGET_MS = 1500;
const RUNNER_TIMEOUT_MS = 120_000;
const HOLDER_EXTRA_MS = 90_000;

export function copyInPlans(filter: string | undefined): CopyInPlan[] {
  const all: CopyInPlan[] = [
    { id: `${COPY_IN_OP}.sync-client.short`, phase: 'short', budgetMs: null, holdMs: SHORT_HOLD_MS },
    { id: `${COPY_IN_OP}.sync-client.long`, phase: 'long', budgetMs: LONG_BUDGET_MS, holdMs: LONG_HOLD_MS },
  ];
  return filter ? all.filter((p) => p.id.includes(filter)) : all;
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

export async function driveCopyInCase(
  ctx: CaseContext,
  runner: RunnerSlot,
  plan: CopyInPlan,
): Promise<CopyInRecord> {
  const t0 = performance.now();
  const caseDir = join(ctx.runDir, plan.id);
  const dataDir = join(caseDir, 'data');
  const stagingDir = join(caseDir, STAGING_FOLDER);
  const signalDir = join(caseDir, 'signals');
  for (const dir of [dataDir, stagingDir, signalDir]) mkdirSync(dir, { recursive: true });
  writeTree(dataDir, BYSTANDERS);
  writeTree(stagingDir, { [COPY_IN_NAME]: copyInSource() });

  const resultFile = join(caseDir, 'result.json');
  const spec: CaseSpec = {
    id: plan.id,
    op: COPY_IN_OP,
    mode: 'sync-client',
    phase: plan.phase,
    dataDir: winPath(dataDir),
    signalDir: winPath(signalDir),
    resultFile: winPath(resultFile),
    budgetMs: plan.budgetMs,
    releaseTimeoutMs: plan.holdMs + 10_000,
  };
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify(spec, null, 2));
  const holder = startWine(
    ctx.wine.env,
    ctx.wine.syncHolderExe,
    [winPath(dataDir), winPath(signalDir), String(plan.holdMs)],
    join(caseDir, 'holder.out'),
    plan.holdMs + HOLDER_EXTRA_MS,
  );
  const runnerExit = await runner.run(join(caseDir, 'case.json'), resultFile, RUNNER_TIMEOUT_MS);
  const holderExit = await holder.done;

  const result = readJson<RunnerResult>(resultFile);
  const firstHeld = readJson<HeldFile>(join(signalDir, heldSignal(1)));
  const verdict = judgeCopyIn({
    phase: plan.phase,
    budgetMs: plan.budgetMs ?? ctx.defaultBudgetMs,
    dataDirWin: winPath(dataDir),
    runner: runnerExit,
    holder: holderExit,
    result,
    released: readJson(join(signalDir, SIGNALS.released)),
    firstHeld,
    firstLetGo: readJson<LetGoFile>(join(signalDir, letGoSignal(1))),
    found: readTree(dataDir),
    staging: readTree(stagingDir),
  });
  return {
    plan,
    verdict,
    result,
    firstHeld,
    wallMs: performance.now() - t0,
    caseDir,
    runnerLog: runner.logFile,
  };
}

function retriesText(retries: Record<string, number>): string {
  const parts = Object.entries(retries).map(([code, n]) => `${n}x${code}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The report's lines for the copy-in cases. */
export function copyInText(records: CopyInRecord[]): string {
  if (records.length === 0) return '- (not in this selection of cases)';
  return records
    .map((r) => {
      const { result, plan } = r;
      const mark = r.verdict.problems.length > 0 ? ' MISMATCH' : '';
      const hold = `${plan.phase} hold ${seconds(plan.holdMs)}, budget ${plan.budgetMs === null ? 'default' : seconds(plan.budgetMs)}`;
      if (!result) return `- ${COPY_IN_TITLE}, ${hold}: no result${mark}`;
      const after = result.copyAfterRelease
        ? `; the copy after the client let go: ${result.copyAfterRelease.outcome} ${seconds(result.copyAfterRelease.elapsedMs)}`
        : '';
      const held = r.firstHeld ? `; the client first held "${r.firstHeld.name}"` : '';
      const waited =
        result.renameTriedAt === undefined
          ? ''
          : `, ${seconds(result.finishedAt - result.renameTriedAt)} from the first rename`;
      const message = result.message ? `\n  message: ${result.message}` : '';
      return `- ${COPY_IN_TITLE}, ${hold}: ${result.outcome} ${seconds(result.elapsedMs)}${waited}${retriesText(result.retries)}${held}${after}${mark}${message}`;
    })
    .join('\n');
}

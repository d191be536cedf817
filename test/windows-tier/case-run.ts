/**
 * One case, driven from Linux: lay out the folder, start the holder and hand the case to a waiting
 * Windows runner (it waits for the holder's "ready" and only then says "go", so no start-up time ever
 * shortens a hold), wait for the result and for the holder to exit, then read the result, the holder's
 * signals and the folder itself, and judge.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from './checks';
import { judgeCase } from './checks';
import { readTree, writeTree } from './case-files';
import type { CaseSpec, HolderMode, Phase, RunnerResult } from './protocol';
import { SIGNALS, winPath } from './protocol';
import type { Operation, Tree } from './scenarios';
import { BYSTANDERS } from './scenarios';
import type { RunnerSlot } from './runner-slot';
import type { WineEnv } from './wine-env';
import { startWine } from './wine-process';

export interface CasePlan {
  id: string;
  op: Operation;
  mode: HolderMode;
  phase: Phase;
  /** null: the library's default budget. */
  budgetMs: number | null;
  /** Longest hold; a long hold ends earlier when the runner asks. */
  holdMs: number;
}

export interface CaseRecord {
  plan: CasePlan;
  verdict: Verdict;
  result: RunnerResult | undefined;
  wallMs: number;
  caseDir: string;
  /** The output of the runner that ran the case (it serves many cases). */
  runnerLog: string;
}

export interface CaseContext {
  wine: WineEnv;
  runDir: string;
  /** A real SQLite database: the held file whenever the holder is SQLite itself. */
  database: Buffer;
  defaultBudgetMs: number;
}

/** Generous: a case normally takes 1-8 s; these only stop a hung Wine process from hanging the run. */
const RUNNER_TIMEOUT_MS = 120_000;
const HOLDER_EXTRA_MS = 90_000;

function holderCommand(ctx: CaseContext, plan: CasePlan, held: string, signals: string) {
  const common = [winPath(held), winPath(signals), String(plan.holdMs)];
  return plan.mode === 'sqlite-vfs'
    ? { exe: ctx.wine.sqliteHolderExe, args: common }
    : { exe: ctx.wine.holderExe, args: [plan.mode, ...common] };
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

export async function runCase(ctx: CaseContext, runner: RunnerSlot, plan: CasePlan): Promise<CaseRecord> {
  const t0 = performance.now();
  const caseDir = join(ctx.runDir, plan.id);
  const dataDir = join(caseDir, 'data');
  const signalDir = join(caseDir, 'signals');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(signalDir, { recursive: true });

  const before: Tree = plan.op.before();
  if (plan.mode === 'sqlite-vfs') before[plan.op.held] = ctx.database;
  writeTree(dataDir, { ...BYSTANDERS, ...before });

  const resultFile = join(caseDir, 'result.json');
  const spec: CaseSpec = {
    id: plan.id,
    op: plan.op.id,
    mode: plan.mode,
    phase: plan.phase,
    dataDir: winPath(dataDir),
    signalDir: winPath(signalDir),
    resultFile: winPath(resultFile),
    budgetMs: plan.budgetMs,
    releaseTimeoutMs: plan.holdMs + 10_000,
  };
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify(spec, null, 2));

  const holderCmd = holderCommand(ctx, plan, join(dataDir, plan.op.held), signalDir);
  const holder = startWine(
    ctx.wine.env,
    holderCmd.exe,
    holderCmd.args,
    join(caseDir, 'holder.out'),
    plan.holdMs + HOLDER_EXTRA_MS,
  );
  const runnerExit = await runner.run(join(caseDir, 'case.json'), resultFile, RUNNER_TIMEOUT_MS);
  const holderExit = await holder.done;

  const result = readJson<RunnerResult>(resultFile);
  const verdict = judgeCase({
    op: plan.op,
    mode: plan.mode,
    phase: plan.phase,
    budgetMs: plan.budgetMs ?? ctx.defaultBudgetMs,
    dataDirWin: winPath(dataDir),
    runner: runnerExit,
    holder: holderExit,
    result,
    released: readJson(join(signalDir, SIGNALS.released)),
    before,
    found: readTree(dataDir),
  });
  return { plan, verdict, result, wallMs: performance.now() - t0, caseDir, runnerLog: runner.logFile };
}

/**
 * The Linux side of the Windows file-locking tier (bundled and started by run.mjs): prepares Wine,
 * runs every operation of scenarios.ts against a holder in every share mode, with a hold shorter and
 * one longer than the retry budget, measures the worst case with the default budget, prints the
 * tables and exits 1 on any case that does not match the expected outcome.
 *
 * Two cases run at a time: each is two Wine processes that mostly sleep or poll, and the 2-core
 * machine has room for that; more would make the timing checks depend on the scheduler.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RETRY_BUDGET_MS } from '../../src-main/fsx/retry';
import type { CaseContext, CasePlan, CaseRecord } from './case-run';
import { runCase } from './case-run';
import type { CloudSyncProbeResult } from './cloud-sync';
import { cloudSyncProblems, cloudSyncText, layOutCloudSync } from './cloud-sync';
import type { CopyInRecord } from './copy-in-case';
import { copyInPlans, copyInText, driveCopyInCase } from './copy-in-case';
import { COPY_IN_TITLE } from './copy-in-scenario';
import type { PrivateRootProbe } from './private-root';
import { privateRootProblems, privateRootText, VICTIM_FILES } from './private-root';
import { RunnerSlot } from './runner-slot';
import type { HolderMode, Phase } from './protocol';
import { HOLDER_MODES, winPath } from './protocol';
import { MODE_TITLES, phaseTable, problemsText, seconds, worstCaseText } from './report';
import type { Operation } from './scenarios';
import { OPERATIONS, operationById } from './scenarios';
import { notesDatabaseBytes } from './sqlite-fixture';
import type { WineEnv } from './wine-env';
import { prepareWine, stopWine } from './wine-env';
import { runWine } from './wine-process';

/** Short hold: well inside the default 3 s budget, long enough that blocked operations must retry. */
const SHORT_HOLD_MS = 800;
/** Long hold against a shortened budget, to keep the tier fast; the holder is released after. */
const LONG_HOLD_MS = 5000;
const LONG_BUDGET_MS = 1500;
const WORST_HOLD_MS = 20_000;

function plan(
  op: Operation,
  mode: HolderMode,
  phase: Phase,
  budgetMs: number | null,
  holdMs: number,
): CasePlan {
  return { id: `${op.id}.${mode}.${phase}`, op, mode, phase, budgetMs, holdMs };
}

function plans(filter: string | undefined): CasePlan[] {
  const all: CasePlan[] = [
    // Worst cases with the library default budget: one retry loop, and the two-loop secure wipe.
    plan(operationById('rename-replace'), 'sqlite', 'worst', null, WORST_HOLD_MS),
    plan(operationById('secure-wipe'), 'exclusive', 'worst', null, WORST_HOLD_MS),
    ...OPERATIONS.flatMap((op) =>
      HOLDER_MODES.map((mode) => plan(op, mode, 'long', LONG_BUDGET_MS, LONG_HOLD_MS)),
    ),
    ...OPERATIONS.flatMap((op) => HOLDER_MODES.map((mode) => plan(op, mode, 'short', null, SHORT_HOLD_MS))),
  ];
  return filter ? all.filter((p) => p.id.includes(filter)) : all;
}

/** Runs the plans, `jobs` at a time, longest first (they are ordered so), reporting each as it ends. */
async function runAll(ctx: CaseContext, runnerScript: string, pending: CasePlan[], jobs: number) {
  const records: CaseRecord[] = [];
  let next = 0;
  const worker = async (slot: number) => {
    const runner = new RunnerSlot(ctx.wine, runnerScript, join(ctx.runDir, `runner-${slot}`));
    try {
      await workThrough(runner);
    } finally {
      await runner.stop();
    }
  };
  const workThrough = async (runner: RunnerSlot) => {
    while (next < pending.length) {
      const plan = pending[next++];
      if (!plan) return;
      const record = await runCase(ctx, runner, plan);
      records.push(record);
      const status = record.verdict.problems.length === 0 ? 'PASS' : 'FAIL';
      const outcome = record.result
        ? `${record.result.outcome} ${seconds(record.result.elapsedMs)}`
        : 'no result';
      console.log(
        `[${records.length}/${pending.length}] ${status} ${plan.id}: ${outcome} (case ${seconds(record.wallMs)})`,
      );
    }
  };
  await Promise.all(Array.from({ length: jobs }, (_, slot) => worker(slot)));
  return records;
}

/** The copy-in cases, one after the other with a runner of their own: their timing is the point. */
async function runCopyIn(ctx: CaseContext, runnerScript: string, filter: string | undefined) {
  const records: CopyInRecord[] = [];
  const pending = copyInPlans(filter);
  if (pending.length === 0) return records;
  const runner = new RunnerSlot(ctx.wine, runnerScript, join(ctx.runDir, 'runner-copy-in'));
  try {
    for (const plan of pending) {
      const record = await driveCopyInCase(ctx, runner, plan);
      records.push(record);
      const status = record.verdict.problems.length === 0 ? 'PASS' : 'FAIL';
      const outcome = record.result
        ? `${record.result.outcome} ${seconds(record.result.elapsedMs)}`
        : 'no result';
      console.log(`[copy-in] ${status} ${plan.id}: ${outcome} (case ${seconds(record.wallMs)})`);
    }
  } finally {
    await runner.stop();
  }
  return records;
}

/** The cloud-sync detection scenario (cloud-sync.ts), run by its own node.exe in a fake home. */
async function runCloudSync(wine: WineEnv, probeScript: string, runDir: string) {
  const t0 = performance.now();
  const dir = join(runDir, 'cloud-sync');
  const home = join(dir, 'home');
  const elsewhere = join(dir, 'elsewhere');
  layOutCloudSync(home, elsewhere, winPath(elsewhere));
  const resultFile = join(dir, 'result.json');
  const exit = await runWine(
    wine.env,
    wine.nodeExe,
    [winPath(probeScript), winPath(resultFile), winPath(home), winPath(elsewhere)],
    join(dir, 'probe.out'),
    120_000,
  );
  const probe = existsSync(resultFile)
    ? (JSON.parse(readFileSync(resultFile, 'utf8')) as CloudSyncProbeResult)
    : undefined;
  const problems = cloudSyncProblems(probe);
  if (!probe) problems.push(`node.exe exited with ${exit.code}; see ${join(dir, 'probe.out')}.`);
  return { problems, text: cloudSyncText(probe, problems, performance.now() - t0) };
}

/**
 * The private-root scenario (private-root.ts), run beside the cases by its own node.exe. The
 * prefix is kept between runs, so NoteVault's folder under %LOCALAPPDATA% is removed first (from
 * Linux, which never follows the links a run planted there): every run creates the root afresh.
 */
async function runPrivateRoot(wine: WineEnv, probeScript: string, runDir: string) {
  const t0 = performance.now();
  const dir = join(runDir, 'private-root');
  const victim = join(dir, 'victim');
  mkdirSync(victim, { recursive: true });
  for (const [name, bytes] of Object.entries(VICTIM_FILES)) writeFileSync(join(victim, name), bytes);
  const localAppData = join(wine.prefix, 'drive_c', 'users', userInfo().username, 'AppData', 'Local');
  rmSync(join(localAppData, 'NoteVault'), { recursive: true, force: true });
  const resultFile = join(dir, 'result.json');
  const exit = await runWine(
    wine.env,
    wine.nodeExe,
    [winPath(probeScript), winPath(resultFile), winPath(victim)],
    join(dir, 'probe.out'),
    120_000,
  );
  const probe = existsSync(resultFile)
    ? (JSON.parse(readFileSync(resultFile, 'utf8')) as PrivateRootProbe)
    : undefined;
  const problems = privateRootProblems(probe, victim);
  if (!probe) problems.push(`node.exe exited with ${exit.code}; see ${join(dir, 'probe.out')}.`);
  return { problems, text: privateRootText(probe, problems, performance.now() - t0) };
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const { values } = parseArgs({
    options: {
      cache: { type: 'string' },
      runner: { type: 'string' },
      'private-root': { type: 'string' },
      'cloud-sync': { type: 'string' },
      source: { type: 'string' },
      sqlite: { type: 'string' },
      filter: { type: 'string' },
      jobs: { type: 'string', default: '2' },
      keep: { type: 'boolean', default: false },
      report: { type: 'string' },
    },
  });
  const { cache, runner, source, sqlite } = values;
  const probeScript = values['private-root'];
  const cloudSyncScript = values['cloud-sync'];
  if (!cache || !runner || !source || !sqlite || !probeScript || !cloudSyncScript) {
    console.error(
      'Usage: driver.cjs --cache DIR --runner runner.cjs --private-root private-root.cjs --cloud-sync cloud-sync.cjs --source DIR --sqlite DIR [--filter TEXT]',
    );
    return 2;
  }
  const wine = await prepareWine({ cacheDir: cache, sourceDir: source, sqliteDir: sqlite });
  const setupMs = performance.now() - t0;
  const runDir = mkdtempSync(join(tmpdir(), 'notevault-wintier-'));
  let records: CaseRecord[];
  let copyIn: CopyInRecord[];
  let privateRoot: Awaited<ReturnType<typeof runPrivateRoot>>;
  let cloudSync: Awaited<ReturnType<typeof runCloudSync>>;
  try {
    console.log(`Wine setup ${seconds(setupMs)}: ${wine.steps.join('; ')}`);
    const ctx: CaseContext = {
      wine,
      runDir,
      database: notesDatabaseBytes('held database'),
      defaultBudgetMs: DEFAULT_RETRY_BUDGET_MS,
    };
    const rootRun = runPrivateRoot(wine, probeScript, runDir);
    const cloudSyncRun = runCloudSync(wine, cloudSyncScript, runDir);
    records = await runAll(ctx, runner, plans(values.filter), Math.max(1, Number(values.jobs)));
    copyIn = await runCopyIn(ctx, runner, values.filter);
    privateRoot = await rootRun;
    cloudSync = await cloudSyncRun;
  } finally {
    await stopWine(wine);
  }

  const failed = [...records, ...copyIn].filter((r) => r.verdict.problems.length > 0);
  const totalMs = performance.now() - t0;
  const report = [
    `Short hold (${SHORT_HOLD_MS} ms, default ${DEFAULT_RETRY_BUDGET_MS} ms budget): every operation must succeed.`,
    phaseTable(OPERATIONS, records, 'short'),
    '',
    `Long hold (${LONG_HOLD_MS} ms, ${LONG_BUDGET_MS} ms budget): blocked operations must fail with FILE_LOCKED.`,
    phaseTable(OPERATIONS, records, 'long'),
    '',
    `Worst case with the default ${DEFAULT_RETRY_BUDGET_MS} ms budget:`,
    worstCaseText(records.filter((r) => r.plan.phase === 'worst')),
    '',
    `Copy into a folder a sync client watches (${COPY_IN_TITLE}; the client opens each new file without share-delete):`,
    copyInText(copyIn),
    '',
    privateRoot.text,
    '',
    cloudSync.text,
    '',
    `Holder modes: ${HOLDER_MODES.map((m) => MODE_TITLES[m]).join('; ')}.`,
    `${records.length + copyIn.length} cases, ${failed.length} mismatches; Wine setup ${seconds(setupMs)}, tier total ${seconds(totalMs)}.`,
  ].join('\n');
  console.log(`\n${report}`);
  if (values.report) writeFileSync(values.report, `${report}\n`);
  if (failed.length > 0 || privateRoot.problems.length > 0 || cloudSync.problems.length > 0) {
    console.log(`\n${problemsText(failed)}\nCase folders kept in ${runDir}.`);
    return 1;
  }
  if (values.keep) console.log(`Case folders kept in ${runDir}.`);
  else rmSync(runDir, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);

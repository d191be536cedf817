/**
 * The Windows side of the tier: `node.exe runner.cjs <inbox folder>` under Wine, bundled into one
 * CommonJS file by run.mjs. For each case it is handed, it waits until the holder holds the file, says
 * "go", runs one file-layer operation with the case's retry budget, and writes what happened to the
 * case's result file. After a long hold
 * it asks the holder to let go and runs the start-up sweep, as NoteVault's next start would.
 *
 * Its stdout and stderr are files (node.exe under Wine cannot write to a pipe), so everything the
 * driver needs is in the result file; an uncaught error still ends up in the stderr file.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RetryOptions } from '../../src-main/fsx/retry';
import { runCopyInCase } from './copy-in-runner';
import { COPY_IN_OP } from './copy-in-scenario';
import { runOperation, sweepFolder } from './operations';
import type { CaseSpec, Outcome, RunnerResult, SweepSummary } from './protocol';
import { SIGNALS } from './protocol';
import { describeError, HOLDER_START_TIMEOUT_MS, waitForSignal } from './runner-support';
import { operationById } from './scenarios';

function outcomeOfSweep(sweep: SweepSummary | undefined) {
  const failure = sweep?.failures[0];
  if (!failure) return { outcome: 'ok' as const };
  return {
    outcome: failure.code === 'FILE_LOCKED' ? ('FILE_LOCKED' as const) : ('other' as const),
    code: failure.code,
    message: failure.message,
  };
}

async function runCase(spec: CaseSpec): Promise<RunnerResult> {
  if (spec.op === COPY_IN_OP) return runCopyInCase(spec);
  const op = operationById(spec.op);
  const started = { startedAt: Date.now(), finishedAt: Date.now(), elapsedMs: 0, retries: {} };
  const first = await waitForSignal(spec.signalDir, [SIGNALS.ready, SIGNALS.failed], HOLDER_START_TIMEOUT_MS);
  if (first !== SIGNALS.ready) {
    const why = first ? readFileSync(join(spec.signalDir, first), 'utf8') : 'no "ready" signal in time';
    return { outcome: 'other', ...started, holderProblem: `The holder did not take the file: ${why}` };
  }

  const retries: Record<string, number> = {};
  const retry: RetryOptions = {
    ...(spec.budgetMs === null ? {} : { budgetMs: spec.budgetMs }),
    onRetry: ({ code }) => {
      retries[code] = (retries[code] ?? 0) + 1;
    },
  };
  writeFileSync(join(spec.signalDir, SIGNALS.go), '');
  const startedAt = Date.now();
  const t0 = performance.now();
  let verdict: { outcome: Outcome; code?: string; message?: string };
  let sweep: SweepSummary | undefined;
  try {
    sweep = await runOperation(spec.dataDir, op, { retry });
    verdict = outcomeOfSweep(sweep);
  } catch (error) {
    verdict = describeError(error);
  }
  const elapsedMs = performance.now() - t0;
  const result: RunnerResult = { ...verdict, startedAt, finishedAt: Date.now(), elapsedMs, retries };
  if (sweep) result.sweep = sweep;

  if (spec.phase !== 'short') {
    writeFileSync(join(spec.signalDir, SIGNALS.release), '');
    const released = await waitForSignal(spec.signalDir, [SIGNALS.released], spec.releaseTimeoutMs);
    if (!released) {
      result.holderProblem = 'The holder did not let go of the file when asked.';
      return result;
    }
    // Default budget: the holder is gone, so nothing should need to wait any more.
    result.sweepAfterRelease = await sweepFolder(spec.dataDir, {});
  }
  return result;
}

/**
 * Serves cases until asked to stop: `<inbox>/<n>.json` (n = 1, 2, ...) names the next case file, and
 * `<inbox>/stop` ends the loop. One node.exe serves many cases because its start-up under Wine costs
 * 1-5 s on a busy 2-core machine, longer than most cases take.
 */
async function serve(inbox: string) {
  for (let n = 1; ; n++) {
    const job = join(inbox, `${n}.json`);
    const seen = await waitForSignal(inbox, [`${n}.json`, 'stop'], Number.POSITIVE_INFINITY);
    if (seen !== `${n}.json`) return;
    const { caseFile } = JSON.parse(readFileSync(job, 'utf8')) as { caseFile: string };
    const spec = JSON.parse(readFileSync(caseFile, 'utf8')) as CaseSpec;
    let result: RunnerResult;
    try {
      result = await runCase(spec);
    } catch (error) {
      // A bug in the tier or the layer must fail this case, not every case after it.
      const now = Date.now();
      result = { ...describeError(error), startedAt: now, finishedAt: now, elapsedMs: 0, retries: {} };
    }
    // Written whole and renamed, so the driver never reads half a result.
    writeFileSync(`${spec.resultFile}.tmp`, JSON.stringify(result, null, 2));
    renameSync(`${spec.resultFile}.tmp`, spec.resultFile);
  }
}

const inbox = process.argv[2];
if (!inbox) {
  console.error('Usage: node.exe runner.cjs <inbox folder>');
  process.exitCode = 2;
} else {
  serve(inbox).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}

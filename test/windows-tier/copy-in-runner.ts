/**
 * The copy-in case on the Windows side (copy-in-scenario.ts): waits until sync-holder.exe watches
 * the synced folder, says "go", and copies the staged backup in with copyBackupInto exactly as the
 * backup runner does, with the case's retry budget. Then it asks the holder to stop; after a long
 * hold it runs the same copy once more, as the next catch-up would.
 *
 * One piece of orchestration, no workaround: the first rename waits (at most GATE_TIMEOUT_MS) until
 * the holder reports that it opened the partial. A real client usually wins that race too (the copy
 * writes 4 MiB first), but the case must not depend on the scheduler of a loaded machine to meet the
 * lock it is about. The rename itself, its retries and everything after it are the product's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyBackupInto } from '../../src-main/fsx/copy-into-folder';
import type { FileSystem } from '../../src-main/fsx/fs-seam';
import { nodeFileSystem } from '../../src-main/fsx/fs-seam';
import type { RetryOptions } from '../../src-main/fsx/retry';
import { COPY_IN_NAME, copyInSha256, heldSignal, STAGING_FOLDER } from './copy-in-scenario';
import type { CaseSpec, Outcome, RunnerResult } from './protocol';
import { SIGNALS } from './protocol';
import { describeError, HOLDER_START_TIMEOUT_MS, waitForSignal } from './runner-support';

const GATE_TIMEOUT_MS = 10_000;

/**
 * The real file system whose first rename waits until the holder holds a new file; `triedAt`
 * records when that first rename was tried.
 */
function renameAfterHolderOpened(signalDir: string): { fs: FileSystem; triedAt: () => number | undefined } {
  let triedAt: number | undefined;
  const fs: FileSystem = {
    ...nodeFileSystem,
    rename: async (from, to) => {
      if (triedAt === undefined) {
        await waitForSignal(signalDir, [heldSignal(1)], GATE_TIMEOUT_MS);
        triedAt = Date.now();
      }
      return nodeFileSystem.rename(from, to);
    },
  };
  return { fs, triedAt: () => triedAt };
}

async function copyOnce(spec: CaseSpec, fs: FileSystem | undefined, retry: RetryOptions) {
  const source = join(spec.dataDir, '..', STAGING_FOLDER, COPY_IN_NAME);
  const t0 = performance.now();
  let verdict: { outcome: Outcome; code?: string; message?: string };
  try {
    await copyBackupInto(source, spec.dataDir, COPY_IN_NAME, { expectedSha256: copyInSha256(), fs, retry });
    verdict = { outcome: 'ok' };
  } catch (error) {
    verdict = describeError(error);
  }
  return { ...verdict, elapsedMs: performance.now() - t0 };
}

export async function runCopyInCase(spec: CaseSpec): Promise<RunnerResult> {
  const now = Date.now();
  const first = await waitForSignal(spec.signalDir, [SIGNALS.ready, SIGNALS.failed], HOLDER_START_TIMEOUT_MS);
  if (first !== SIGNALS.ready) {
    const problem = `The sync holder did not start watching: ${first ?? 'no "ready" signal in time'}`;
    return {
      outcome: 'other',
      startedAt: now,
      finishedAt: now,
      elapsedMs: 0,
      retries: {},
      holderProblem: problem,
    };
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
  const gated = renameAfterHolderOpened(spec.signalDir);
  const copied = await copyOnce(spec, gated.fs, retry);
  const result: RunnerResult = { ...copied, startedAt, finishedAt: Date.now(), retries };
  const renameTriedAt = gated.triedAt();
  if (renameTriedAt !== undefined) result.renameTriedAt = renameTriedAt;

  writeFileSync(join(spec.signalDir, SIGNALS.release), '');
  if (!(await waitForSignal(spec.signalDir, [SIGNALS.released], spec.releaseTimeoutMs))) {
    result.holderProblem = 'The sync holder did not stop when asked.';
    return result;
  }
  if (spec.phase !== 'short') result.copyAfterRelease = await copyOnce(spec, undefined, {});
  return result;
}

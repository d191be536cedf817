/**
 * The file-layer calls the tier runs under Windows node.exe, one per operation of scenarios.ts, on
 * the files that scenario prepared. They call the layer exactly as NoteVault does; nothing here
 * works around a lock.
 */
import { join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { publishFile, writeFileAtomic } from '../../src-main/fsx/atomic-publish';
import { useThenClose, writeFully } from '../../src-main/fsx/handle-io';
import type { FileLayerOptions } from '../../src-main/fsx/retry';
import { copyFileWithRetry, openWithRetry, renameWithRetry, unlinkWithRetry } from '../../src-main/fsx/retry';
import { secureWipe } from '../../src-main/fsx/secure-wipe';
import type { SweepReport } from '../../src-main/fsx/sweep';
import { sweepLeftovers } from '../../src-main/fsx/sweep';
import type { SweepSummary } from './protocol';
import type { Operation } from './scenarios';
import { isBackupName, NEW_BYTES, SETTINGS_AFTER } from './scenarios';

type Run = (dir: string, op: Operation, layer: FileLayerOptions) => Promise<SweepSummary | void>;

export function summarizeSweep(report: SweepReport): SweepSummary {
  return {
    wipedTempDirs: report.wipedTempDirs.length,
    wipedFiles: report.wipedFiles.length,
    removedPartials: report.removedPartials.length,
    failures: report.failures,
  };
}

export async function sweepFolder(dir: string, layer: FileLayerOptions): Promise<SweepSummary> {
  return summarizeSweep(await sweepLeftovers([dir], { ...layer, isOurFinalName: isBackupName }));
}

const RUNS: Record<string, Run> = {
  'rename-replace': (dir, _op, layer) =>
    renameWithRetry(join(dir, 'new.bin'), join(dir, 'target.bin'), layer),
  'rename-source': (dir, _op, layer) => renameWithRetry(join(dir, 'held.bin'), join(dir, 'moved.bin'), layer),
  unlink: (dir, op, layer) => unlinkWithRetry(join(dir, op.held), layer),
  'copy-onto': (dir, _op, layer) => copyFileWithRetry(join(dir, 'new.bin'), join(dir, 'target.bin'), layer),
  'open-write': async (dir, op, layer) => {
    const path = join(dir, op.held);
    const retry = layer.retry ?? {};
    const handle = await openWithRetry(path, 'w', layer);
    await useThenClose(handle, path, retry, (h) => writeFully(h, NEW_BYTES, 0, path, retry));
  },
  'secure-wipe': (dir, op, layer) => secureWipe(join(dir, op.held), layer),
  'publish-held-final': (dir, _op, layer) =>
    publishFile(join(dir, 'backup-2024.nvbak.partial'), join(dir, 'backup-2024.nvbak'), layer),
  'publish-held-partial': (dir, _op, layer) =>
    publishFile(join(dir, 'backup-2025.nvbak.partial'), join(dir, 'backup-2025.nvbak'), layer),
  'write-atomic': (dir, op, layer) => writeFileAtomic(join(dir, op.held), SETTINGS_AFTER, layer),
  'sweep-held-leftover': (dir, _op, layer) => sweepFolder(dir, layer),
};

/** Runs the operation; for the sweep, returns its report (it never throws for a locked file). */
export async function runOperation(
  dir: string,
  op: Operation,
  layer: FileLayerOptions,
): Promise<SweepSummary | undefined> {
  const run = RUNS[op.id];
  if (!run) {
    throw new NoteVaultError('INTERNAL', `The runner has no implementation for operation "${op.id}".`);
  }
  return (await run(dir, op, layer)) ?? undefined;
}

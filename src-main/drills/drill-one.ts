/**
 * One drill of one backup's copy, and what it means (drill-service.ts): passed or failed is a
 * verdict on the file, kept in the catalogue; anything else is reported and kept nowhere.
 */
import { join } from 'node:path';
import type { KeySource } from '../backup/passkey-or-key';
import { copyExpectation } from '../settings/backup-catalogue';
import { FILE_VERDICTS, KEY_ERRORS, asNoteVaultError } from './drill-outcomes';
import type { OutcomeWithKeyError } from './drill-outcomes';
import type { DrillServiceDeps } from './drill-service';
import type { DrillTarget } from './pick-drill-targets';

type Deps = Pick<DrillServiceDeps, 'runDrill' | 'catalogue' | 'clock' | 'tempParent' | 'nativeBinding'>;

/** The outcome, or why the run stops here: it gave way to a person's job, or was cancelled. */
export async function drillOne(
  deps: Deps,
  target: DrillTarget,
  keySource: KeySource,
  signal: AbortSignal,
  log: (message: string) => void,
): Promise<OutcomeWithKeyError | 'gave-way' | 'cancelled'> {
  const { entry } = target;
  const base = { name: target.name, destinationId: target.destinationId };
  try {
    const result = await deps.runDrill(
      {
        file: join(target.folder, target.name),
        // What the catalogue recorded when it was written: a changed, cut or swapped file is told.
        expected: { ...copyExpectation(entry, target.destinationId), createdAt: entry.createdAt },
        keySource,
        ...(deps.tempParent === undefined ? {} : { tempParent: deps.tempParent }),
        ...(deps.nativeBinding === undefined ? {} : { nativeBinding: deps.nativeBinding }),
      },
      signal,
    );
    const at = deps.clock.now();
    const counts = { noteCount: result.noteCount, attachmentCount: result.attachmentCount };
    // A passkey change rewrote its header in place: that copy's checks expect its new bytes from now on.
    const rewritten = result.headerRewritten
      ? { size: result.size, fileSha256: result.fileSha256 }
      : undefined;
    const passed = { at, ok: true, ...counts, message: null };
    await deps.catalogue.recordDrill(target.name, target.destinationId, passed, rewritten);
    return { ...base, outcome: 'passed', ...counts, message: null, at };
  } catch (caught) {
    const error = asNoteVaultError(caught);
    const at = deps.clock.now();
    if (error.code === 'BUSY') return 'gave-way';
    if (error.code === 'CANCELLED') return 'cancelled';
    const details = error.details ?? (error.cause instanceof Error ? error.cause.message : undefined);
    const failure = {
      noteCount: null,
      attachmentCount: null,
      message: error.message,
      ...(details === undefined ? {} : { details }),
    };
    if (!FILE_VERDICTS.has(error.code)) {
      log(`The restore test of "${target.name}" could not be tried: ${error.message}`);
      const keyError = KEY_ERRORS.has(error.code) ? { keyError: error } : {};
      return { ...base, outcome: 'not-tested', ...failure, at, ...keyError };
    }
    await deps.catalogue.recordDrill(target.name, target.destinationId, { at, ok: false, ...failure });
    return { ...base, outcome: 'failed', ...failure, at };
  }
}

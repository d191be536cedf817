/**
 * One drill of one backup's copy, and what it means (drill-service.ts): passed or failed is a
 * verdict on the file, kept in the catalogue; anything else is reported and kept nowhere.
 * Failed: its contents are bad (PAYLOAD_VERDICTS), or the file itself is gone from a folder that
 * is still there (isGone); a read error, a pulled drive or a refused temp folder is not-tested.
 */
import { join } from 'node:path';
import type { KeySource } from '../backup/passkey-or-key';
import { copyExpectation } from '../settings/backup-catalogue';
import { KEY_ERRORS, PAYLOAD_VERDICTS, asNoteVaultError, goneMessage } from './drill-outcomes';
import type { OutcomeWithKeyError } from './drill-outcomes';
import type { DrillServiceDeps } from './drill-service';
import { isGone } from './folder-presence';
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
    const counts = { noteCount: null, attachmentCount: null };
    const failure = { ...counts, message: error.message, ...(details === undefined ? {} : { details }) };
    const verdict =
      PAYLOAD_VERDICTS.has(error.code) ||
      (!KEY_ERRORS.has(error.code) && (await isGone(target.folder, target.name, target.listing)));
    if (!verdict) {
      log(`The restore test of "${target.name}" could not be tried: ${error.message}`);
      const keyError = KEY_ERRORS.has(error.code) ? { keyError: error } : {};
      return { ...base, outcome: 'not-tested', ...failure, at, ...keyError };
    }
    const failed = PAYLOAD_VERDICTS.has(error.code)
      ? failure
      : { ...counts, message: goneMessage(target.name, target.folder), details: error.message };
    await deps.catalogue.recordDrill(target.name, target.destinationId, { at, ok: false, ...failed });
    return { ...base, outcome: 'failed', ...failed, at };
  }
}

/**
 * Changes the passkey of every v2 backup in the backup folder(s), then backup-keys.json
 * (docs/backup-pipeline.md, "Changing the passkey"; runs in a job's worker thread).
 *
 * Order, for crash safety: finish what an earlier change left (journals); check the old passkey
 * against backup-keys.json; derive the new passkey's key once with a fresh salt; re-key the files
 * one by one (cancellable only between files); only then write backup-keys.json; then re-key
 * backups that appeared meanwhile. Until the keys file is written, NoteVault's idea of "the
 * passkey" is still the old one, and every file opens with the old passkey or the new one, so a
 * crash at any point is finished by running the change again with the same two passkeys.
 */
import { join, resolve } from 'node:path';
import type { ChangePasskeyReport } from '../../../src-shared/change-passkey-text';
import { NoteVaultError } from '../../../src-shared/errors';
import { underlyingCode } from '../../fsx/fs-errors';
import type { FileLayerOptions } from '../../fsx/retry';
import { retryingFs } from '../../fsx/retry';
import {
  DEFAULT_MEMLIMIT,
  DEFAULT_OPSLIMIT,
  KDF_ALG_ARGON2ID13,
  SALT_BYTES,
} from '../format/format-constants';
import type { KdfParams } from '../format/kdf';
import { assertKdfParamsWithinBounds, deriveKey } from '../format/kdf';
import { openingCostBeyondDefaults } from '../format/opening-cost';
import { sameBytes } from '../format/same-bytes';
import type { DeriveArgon2id } from '../format/v2/unlock-file-key';
import { keyIdOf } from '../format/v2/way-in-keys';
import { readBackupKeys, updateBackupKeys } from '../keys/backup-keys-file';
import { passkeyPublicKey } from '../keys/passkey-keys';
import type { BackupKeys } from '../keys/backup-keys-file';
import type { JobControls } from '../progress';
import { isRekeyableName, recoverRekeyJournals } from './finish-journal';
import { PasskeyDerivations } from './passkey-derivations';
import type { RekeyKeys } from './rekey-file';
import { rekeyFile } from './rekey-file';

export interface ChangePasskeyRequest {
  /** The notes database's folder, where backup-keys.json is kept. */
  keysFolder: string;
  /** Folders whose `.nvbak` files are re-keyed (top level only). */
  backupFolders: string[];
  oldPasskey: string;
  newPasskey: string;
  /** The new passkey's Argon2id costs; default MODERATE, as every new backup's. Tests pass cheap ones. */
  newKdfCosts?: { opslimit: number; memlimit: number };
}

export type { ChangePasskeyReport } from '../../../src-shared/change-passkey-text';

/** A backup this change rewrote, as read from the disk afterwards: the catalogue's expectation of that copy follows. */
export interface RewrittenBackup {
  file: string;
  size: number;
  fileSha256: string;
}

export interface ChangePasskeyOutcome extends ChangePasskeyReport {
  rewritten: RewrittenBackup[];
}

/** The passkey's public key (passkey-keys.ts's rule) from an Argon2id output, which is wiped. */
async function publicKeyFrom(argon2idOutput: Uint8Array): Promise<Uint8Array> {
  try {
    return await passkeyPublicKey(argon2idOutput);
  } finally {
    argon2idOutput.fill(0);
  }
}

async function listBackups(folders: readonly string[], layer: FileLayerOptions): Promise<string[]> {
  const io = retryingFs(layer.fs, layer.retry);
  const files: string[] = [];
  for (const folder of [...new Set(folders.map((f) => resolve(f)))]) {
    let names: string[];
    try {
      names = await io.readdir(folder);
    } catch (error) {
      if (underlyingCode(error) === 'ENOENT') continue;
      throw error;
    }
    for (const name of names.sort()) if (isRekeyableName(name)) files.push(join(folder, name));
  }
  return files;
}

function cancelled(done: number, total: number): NoteVaultError {
  return new NoteVaultError(
    'CANCELLED',
    `The passkey change was stopped after ${done} of ${total} backups. Those open with the new passkey; ` +
      'the others, and new backups, still use the old one. Change the passkey again with the same two passkeys to finish.',
  );
}

/** backup-keys.json's passkey must be the old one (when NoteVault keeps one): refused before any file is touched. */
async function assertCurrentPasskey(
  kept: BackupKeys['passkey'],
  derivations: PasskeyDerivations,
  oldPasskey: string,
): Promise<void> {
  if (kept === null) return;
  // The same salt as the old passkey's backups: this run is the one they need anyway.
  const known = await publicKeyFrom(await derivations.deriverFor('old')(oldPasskey, kept.kdf));
  if (!sameBytes(known, kept.publicKey)) {
    throw new NoteVaultError(
      'WRONG_PASSKEY',
      'That is not your current passkey, so nothing was changed. Type the passkey your backups open with now.',
    );
  }
}

/** The new passkey's fresh salt, its one Argon2id run, and the slot recipient every file gets. */
async function newPasskeyKeys(
  request: ChangePasskeyRequest,
  derivations: PasskeyDerivations,
): Promise<RekeyKeys> {
  const newKdf: KdfParams = {
    algorithm: KDF_ALG_ARGON2ID13,
    opslimit: request.newKdfCosts?.opslimit ?? DEFAULT_OPSLIMIT,
    memlimit: request.newKdfCosts?.memlimit ?? DEFAULT_MEMLIMIT,
    salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)),
  };
  assertKdfParamsWithinBounds(newKdf);
  const publicKey = await publicKeyFrom(await derivations.deriverFor('new')(request.newPasskey, newKdf));
  return {
    oldPasskey: request.oldPasskey,
    newPasskey: request.newPasskey,
    deriveOld: derivations.deriverFor('old'),
    deriveNew: derivations.deriverFor('new'),
    newRecipient: { kind: 'passkey', kdf: newKdf, publicKey },
    newKeyId: await keyIdOf(publicKey),
    // A slot NoteVault made has its own costs; one beyond them (a planted file) is not tried,
    // unless it is the kept passkey's own, already derived for the check.
    mayDerive: (kdf) => openingCostBeyondDefaults(kdf) === null || derivations.has('old', kdf),
  };
}

/** One file at a time; a cancel is honoured only between files, never inside a header write. */
async function rekeyFiles(
  files: readonly string[],
  keys: RekeyKeys,
  report: ChangePasskeyOutcome,
  controls: JobControls,
): Promise<void> {
  if (files.length === 0) return;
  for (const [index, file] of files.entries()) {
    if (controls.signal?.aborted) throw cancelled(report.changed + report.alreadyNew, files.length);
    controls.onProgress?.({ phase: 'changing-passkey', bytesDone: index, bytesTotal: files.length });
    const outcome = await rekeyFile(file, keys, controls.fileLayer ?? {});
    if (outcome.status === 'not-changed') {
      report.notChanged.push({ file, reason: outcome.reason, message: outcome.message });
      continue;
    }
    if (outcome.status === 'changed') report.changed += 1;
    else report.alreadyNew += 1;
    if (outcome.written !== undefined) {
      report.rewritten.push({ file, size: outcome.written.size, fileSha256: outcome.written.sha256 });
    }
  }
  controls.onProgress?.({ phase: 'changing-passkey', bytesDone: files.length, bytesTotal: files.length });
}

/** See the module comment. `derive` is Argon2id (tests count its runs). */
export async function changePasskey(
  request: ChangePasskeyRequest,
  controls: JobControls = {},
  derive: DeriveArgon2id = deriveKey,
): Promise<ChangePasskeyOutcome> {
  const started = performance.now();
  const layer = controls.fileLayer ?? {};
  if (request.newPasskey === request.oldPasskey) {
    throw new NoteVaultError(
      'VALIDATION',
      'The new passkey is the same as the current one. Choose a new passkey.',
    );
  }
  const derivations = new PasskeyDerivations({ old: request.oldPasskey, new: request.newPasskey }, derive);
  try {
    const journals = await recoverRekeyJournals(request.backupFolders, layer);
    const kept = (await readBackupKeys(request.keysFolder, layer)).passkey;
    controls.onProgress?.({ phase: 'deriving-key', bytesDone: 0, bytesTotal: 0 });
    await assertCurrentPasskey(kept, derivations, request.oldPasskey);
    const keys = await newPasskeyKeys(request, derivations);
    const report: ChangePasskeyOutcome = {
      changed: 0,
      alreadyNew: 0,
      notChanged: [],
      derivations: 0,
      seconds: 0,
      secondsDeriving: 0,
      finishedEarlier: journals.finished.length,
      rewritten: [],
    };
    const first = await listBackups(request.backupFolders, layer);
    await rekeyFiles(first, keys, report, controls);
    // Without a kept passkey only the files can say whether the old passkey was right: if none
    // opened with it, keep everything as it was rather than record a passkey for nothing.
    if (
      kept === null &&
      report.changed + report.alreadyNew === 0 &&
      report.notChanged.some((n) => n.reason === 'other-passkey')
    ) {
      throw new NoteVaultError(
        'WRONG_PASSKEY',
        'That passkey does not open any of your backups, so nothing was changed. Type the passkey your backups open with now.',
      );
    }
    // Only now, after the files. The rest of the file (the recovery code) as it is now, not as read above.
    const { kdf, publicKey } = keys.newRecipient;
    await updateBackupKeys(request.keysFolder, (now) => ({ ...now, passkey: { kdf, publicKey } }), layer);
    // A backup the other NoteVault program (app or CLI) wrote meanwhile still has the old slot.
    const seen = new Set(first);
    const arrived = (await listBackups(request.backupFolders, layer)).filter((file) => !seen.has(file));
    await rekeyFiles(arrived, keys, report, controls);
    report.derivations = derivations.derivations;
    report.secondsDeriving = derivations.seconds;
    report.seconds = (performance.now() - started) / 1000;
    return report;
  } finally {
    await derivations.wipe();
  }
}

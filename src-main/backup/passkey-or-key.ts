import { NoteVaultError } from '../../src-shared/errors';
import { KEY_BYTES } from './format/format-constants';
import { assertKdfParamsWithinBounds, defaultKdfParams, deriveKey, sameKdf } from './format/kdf';
import type { KdfParams } from './format/kdf';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { report } from './progress';

/**
 * A passkey (Argon2id runs here), or a key already derived with Argon2id for known KDF
 * parameters: a v1 file's key, or the input of a v2 passkey slot (docs/backup-format.md
 * section 13), which lets tests, the bench and the safety backup skip a second Argon2id run.
 */
export type PasskeySource = { passkey: string } | { key: Uint8Array; kdf: KdfParams };

/**
 * Where a job's key for READING a backup comes from: a passkey source, the recovery code's
 * 20 bytes, or this device's secret key (scheduled backups). The last two open only v2 files
 * (unlock-backup.ts), and cost no Argon2id.
 */
export type KeySource = PasskeySource | { recoveryCode: Uint8Array } | { deviceKey: Uint8Array };

export interface ResolvedKey {
  key: Uint8Array;
  kdf: KdfParams;
  /** True when the key was derived here, so the caller owns it and wipes it afterwards. */
  derived: boolean;
}

/**
 * Resolves `source` for a backup whose header holds `kdfFromFile` (reading), or for a new
 * backup (writing: a passkey gets MODERATE work factors and a fresh salt). Argon2id runs in
 * the current thread on purpose: every job runs in a short-lived worker thread, so the
 * WebAssembly heap it grows is released when that thread exits.
 */
export async function resolveKey(
  source: PasskeySource,
  kdfFromFile: KdfParams | undefined,
  controls: JobControls = {},
): Promise<ResolvedKey> {
  throwIfCancelled(controls.signal, 'Deriving the backup key');
  if ('key' in source) {
    if (source.key.length !== KEY_BYTES) {
      throw new NoteVaultError(
        'VALIDATION',
        `The backup key must be ${KEY_BYTES} bytes; got ${source.key.length}.`,
      );
    }
    assertKdfParamsWithinBounds(source.kdf);
    if (kdfFromFile !== undefined && !sameKdf(source.kdf, kdfFromFile)) {
      // Its own code, so the window can ask for this backup's passkey instead of failing.
      throw new NoteVaultError(
        'KEY_MISMATCH',
        'The key supplied was derived for a different backup (its salt or work factors differ), so it ' +
          'cannot open this one. Enter the passkey for this backup instead.',
      );
    }
    return { key: source.key, kdf: source.kdf, derived: false };
  }
  const kdf = kdfFromFile ?? defaultKdfParams();
  report(controls, 'deriving-key', 0, 1);
  // Checked again before Argon2id starts: it cannot be interrupted once running.
  throwIfCancelled(controls.signal, 'Deriving the backup key');
  const key = await deriveKey(source.passkey, kdf);
  report(controls, 'deriving-key', 1, 1);
  if (controls.signal?.aborted) {
    key.fill(0);
    throwIfCancelled(controls.signal, 'Deriving the backup key');
  }
  return { key, kdf, derived: true };
}

/** Zeroes a key this job derived; keys a caller passed in stay theirs. */
export function forgetKey(resolved: ResolvedKey | undefined): void {
  if (resolved?.derived) resolved.key.fill(0);
}

/**
 * Zeroes the secret bytes a caller made for a job once the job is over (the worker had its own
 * copy): a recovery code's or a device key's. A passkey string cannot be wiped, and a key
 * derived beforehand stays its owner's.
 */
export function forgetKeySource(source: KeySource | undefined): void {
  if (source === undefined) return;
  if ('recoveryCode' in source) source.recoveryCode.fill(0);
  if ('deviceKey' in source) source.deviceKey.fill(0);
}

import { NoteVaultError } from '../../src-shared/errors';
import { KEY_BYTES } from './format/format-constants';
import { assertKdfParamsWithinBounds, defaultKdfParams, deriveKey } from './format/kdf';
import type { KdfParams } from './format/kdf';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { report } from './progress';

/**
 * Where a job's key comes from: a passkey (Argon2id runs here), or a key already derived for
 * known KDF parameters, which lets the before-restore safety backup reuse the restored
 * backup's salt and key instead of running Argon2id a second time.
 */
export type KeySource = { passkey: string } | { key: Uint8Array; kdf: KdfParams };

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
  source: KeySource,
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

function sameKdf(a: KdfParams, b: KdfParams): boolean {
  return (
    a.algorithm === b.algorithm &&
    a.opslimit === b.opslimit &&
    a.memlimit === b.memlimit &&
    a.salt.length === b.salt.length &&
    a.salt.every((byte, i) => byte === b.salt[i])
  );
}

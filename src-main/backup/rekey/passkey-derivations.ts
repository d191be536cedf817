/**
 * Argon2id once per distinct (salt, opslimit, memlimit) for a whole passkey change.
 *
 * NoteVault keeps one salt per passkey (backup-keys.json), so every backup made with the old
 * passkey has the same KDF fields in its passkey slot: one run opens them all, and one more run
 * (the new passkey's fresh salt) makes the slot for every one of them. The outputs are kept in
 * memory for the run only and wiped by `wipe()`; a folder with backups of several salts costs one
 * run per salt, counted in `derivations` for the report.
 */
import type { KdfParams } from '../format/kdf';
import { deriveKey } from '../format/kdf';
import type { DeriveArgon2id } from '../format/v2/unlock-file-key';

function kdfKey(passkey: 'old' | 'new', kdf: KdfParams): string {
  return `${passkey}:${kdf.algorithm}:${kdf.opslimit}:${kdf.memlimit}:${Buffer.from(kdf.salt).toString('hex')}`;
}

export class PasskeyDerivations {
  private readonly outputs = new Map<string, Promise<Uint8Array>>();
  private count = 0;
  private deriving = 0;

  /** `derive` is Argon2id itself (kdf.ts's deriveKey in a job's worker thread). */
  constructor(
    private readonly passkeys: { old: string; new: string },
    private readonly derive: DeriveArgon2id = deriveKey,
  ) {}

  /** How many times Argon2id has run. */
  get derivations(): number {
    return this.count;
  }

  /** Seconds spent in those runs (the rest of a change is file work). */
  get seconds(): number {
    return this.deriving / 1000;
  }

  /**
   * A DeriveArgon2id for unlockFileKey that answers from the cache. unlockFileKey wipes what it
   * is given, so each call gets its own copy. `which` names the passkey; the string unlockFileKey
   * passes is ignored, so a cached output can never be handed out for another passkey.
   */
  deriverFor(which: 'old' | 'new'): DeriveArgon2id {
    return async (_passkey, kdf) => (await this.output(which, kdf)).slice();
  }

  /** Whether Argon2id already ran (or runs) for this passkey with these salt and costs. */
  has(which: 'old' | 'new', kdf: KdfParams): boolean {
    return this.outputs.has(kdfKey(which, kdf));
  }

  private output(which: 'old' | 'new', kdf: KdfParams): Promise<Uint8Array> {
    const key = kdfKey(which, kdf);
    let output = this.outputs.get(key);
    if (output === undefined) {
      this.count += 1;
      const start = performance.now();
      output = this.derive(this.passkeys[which], kdf);
      void output.then(
        () => (this.deriving += performance.now() - start),
        () => undefined,
      );
      // A failed run is not cached: the next file may try again (and fail the same way, visibly).
      output.catch(() => this.outputs.delete(key));
      this.outputs.set(key, output);
    }
    return output;
  }

  /** Zeroes every kept output; the object is unusable afterwards. */
  async wipe(): Promise<void> {
    const outputs = [...this.outputs.values()];
    this.outputs.clear();
    for (const output of await Promise.allSettled(outputs)) {
      if (output.status === 'fulfilled') output.value.fill(0);
    }
  }
}

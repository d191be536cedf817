import type { OpeningCost } from '../../../src-shared/ipc/contract-backup';
import { DEFAULT_MEMLIMIT, DEFAULT_OPSLIMIT } from './format-constants';
import type { AnyBackupHeader } from './header';
import type { KdfParams } from './kdf';

export type { OpeningCost };

const GIB = 1024 * 1024 * 1024;
const MIB = 1024 * 1024;

/**
 * Argon2id time model: seconds = GiB x (TOUCH + PASS x opslimit). Measured here (2-core
 * container, Node 20.20, libsodium-wrappers-sumo 0.8.4, a fresh worker thread per run as
 * each job has, so the WebAssembly heap grows and is touched for the first time):
 *   1 GiB:   1 pass 2.3-3.3 s, 4 passes 6.0-9.1 s, 12 passes 16.8 s idle / 23.4 s loaded
 *   512 MiB: 12 passes 10.1 s loaded; 256 MiB: 1 pass 0.43 s, 3 passes 0.95-1.3 s.
 * About 1.2 s per pass over 1 GiB on an idle machine, 1.9 s with the other core busy, plus
 * about 0.7 s per GiB to grow the heap: 1.5 s is the middle. Rough by nature (other
 * machines are faster or slower), so it is shown as "about" and only compared with the
 * same model's figure for the defaults.
 */
const SECONDS_PER_GIB_TOUCHED = 0.7;
const SECONDS_PER_PASS_GIB = 1.5;

function estimate(opslimit: number, memlimit: number): { seconds: number; memoryBytes: number } {
  const gib = memlimit / GIB;
  return {
    seconds: gib * (SECONDS_PER_GIB_TOUCHED + SECONDS_PER_PASS_GIB * opslimit),
    memoryBytes: memlimit,
  };
}

const DEFAULT_COST = estimate(DEFAULT_OPSLIMIT, DEFAULT_MEMLIMIT);

/**
 * Seconds Argon2id takes for a new backup (the default work factors), by the model above:
 * about 1.3 s; the bench measured 1.1 s at load 2 and 2.2 s at load 10 here.
 */
export const NEW_BACKUP_KEY_SECONDS = DEFAULT_COST.seconds;

/**
 * What opening a backup with these KDF settings will take, or null when it takes no more
 * time and memory than a backup NoteVault writes itself (so nobody needs to be asked). The
 * settings come from a file's header (v1) or its passkey slot (v2), already within the
 * format's caps; undefined (a v2 file without a passkey slot, or opened with the recovery code
 * or the device key) runs no Argon2id, so costs nothing to ask about. The one rule the CLI's
 * prompt and the restore window's notice share.
 */
export function openingCostBeyondDefaults(
  kdf: Pick<KdfParams, 'opslimit' | 'memlimit'> | undefined,
): OpeningCost | null {
  if (kdf === undefined) return null;
  const cost = estimate(kdf.opslimit, kdf.memlimit);
  if (cost.seconds <= DEFAULT_COST.seconds && cost.memoryBytes <= DEFAULT_COST.memoryBytes) return null;
  return { seconds: Math.max(1, Math.ceil(cost.seconds)), memoryMiB: Math.ceil(cost.memoryBytes / MIB) };
}

/** The settings a passkey is stretched with to open this file: v1's header, v2's passkey slot (if it has one). */
export function passkeyKdfOf(header: AnyBackupHeader): KdfParams | undefined {
  return header.formatVersion === 1 ? header.kdf : header.passkeyKdf;
}

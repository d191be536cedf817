import { z } from 'zod';
import { returns } from './returns';

/**
 * recoveryCode:* — the recovery code of v2 backups, made, replaced and revoked from Settings
 * (issue #16, docs/backup-format.md section 19). Spread into `ipcRequests` in contract.ts.
 *
 * No request takes an argument: the code is made in main and shown once, and main works on the
 * backups in the remembered backup folder, named by file name. Replacing or revoking the code
 * waits for the person's answer in main's own dialog; a `null` result means they said no there
 * and nothing changed.
 */

/** At most this many backup names cross to the window in one list; the totals are whole. */
export const KEYS_LIST_MAX = 200;

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

/** Backups named by file name inside the backup folder: up to KEYS_LIST_MAX, and how many in all. */
export interface BackupNames {
  names: string[];
  total: number;
}

export interface RecoveryCodeState {
  /** When the current code was made (ISO 8601 UTC); null when there is none. */
  createdAt: string | null;
  /** Backups in the backup folder the current code opens; empty when there is no code. */
  opens: BackupNames;
}

export interface RecoveryCodeCreated {
  /** The code as a person reads it (8 groups of 5): shown once, never kept by NoteVault. */
  code: string;
  createdAt: string;
  /** Backups that the code this one replaced still opens (empty for a first code). */
  oldCodeStillOpens: BackupNames;
}

export interface RecoveryCodeRevoked {
  /** Backups that the revoked code still opens: it can no longer be taken out of them here. */
  oldCodeStillOpens: BackupNames;
}

export const recoveryCodeRequests = {
  'recoveryCode:status': { args: noArguments, returns: returns<RecoveryCodeState>() },
  /**
   * Makes a new recovery code; new backups get a slot for it. When one exists, main asks first
   * in its own dialog (naming the backups the old code still opens); null when the answer was no.
   */
  'recoveryCode:create': { args: noArguments, returns: returns<RecoveryCodeCreated | null>() },
  /** New backups get no recovery-code slot; asked first in main's dialog; null when the answer was no. */
  'recoveryCode:revoke': { args: noArguments, returns: returns<RecoveryCodeRevoked | null>() },
} as const;

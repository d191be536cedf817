import { z } from 'zod';
import type { ChangePasskeyReport } from '../change-passkey-text';
import type { JobProgressEvent } from '../job-progress';
import { returns } from './returns';
import { passkeyField } from './way-in';

/**
 * passkey:* — changing the passkey of the v2 backups in the backup folder from Settings (issue
 * #16, docs/backup-format.md section 20). Spread into `ipcRequests` / `ipcEvents` in contract.ts.
 *
 * The renderer names no backup or folder: main changes the backups in the remembered backup
 * folder, after the person's answer in main's own dialog (afterwards the current passkey no
 * longer opens them); a `null` result means they said no there and nothing changed.
 */

const passkey = passkeyField;

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

/**
 * A passkey change's outcome (src-shared/change-passkey-text.ts, whose sentences the window
 * shows); each `notChanged[].file` is a file name in the backup folder, not a path.
 */
export type PasskeyChangeDone = ChangePasskeyReport;

export const passkeyRequests = {
  /**
   * Gives every v2 backup in the backup folder that `oldPasskey` opens a passkey slot for
   * `newPasskey` instead, as a job with `passkey:didProgress`; asked first in main's dialog.
   * The new passkey must pass the rule of every new passkey (src-shared/passkey-strength.ts).
   */
  'passkey:change': {
    args: z
      .strictObject({ oldPasskey: passkey, newPasskey: passkey })
      .refine((args) => args.oldPasskey !== args.newPasskey, {
        error: 'The new passkey is the same as the current one. Choose a new passkey.',
      }),
    returns: returns<PasskeyChangeDone | null>(),
  },
  /** Asks a running passkey change to stop after the backup it is on; false when none runs. */
  'passkey:cancel': { args: noArguments, returns: returns<boolean>() },
} as const;

export const passkeyEvents = {
  /** Phase 'changing-passkey' counts backup files (bytesDone of bytesTotal). */
  'passkey:didProgress': returns<JobProgressEvent>(),
} as const;

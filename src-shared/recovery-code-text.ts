import { formatCount, pluralNoun } from './format';

/**
 * What a person is told about a recovery code: one wording for the window (Settings, the
 * printable sheet) and the command line, so both promise exactly what the code does and no
 * more (docs/backup-format.md section 22).
 */

/** What the code opens: shown with the code. */
export const RECOVERY_CODE_OPENS =
  'This recovery code opens every backup NoteVault makes from now on, until you replace or revoke ' +
  'it, if you ever lose your passkey: restoring, checking and browsing a backup accept it wherever ' +
  'they ask for the passkey. It does not open backups made before it was created.';

/** How to keep it: shown with the code. */
export const RECOVERY_CODE_KEEPING =
  'NoteVault does not keep the code and cannot show it again: print it or write it down now, and keep ' +
  'it away from this computer and from your backups (a drawer at home, a safe). Anyone who has it ' +
  'and a backup can read the notes in that backup.';

/** After a revoke: what it changed. */
export const RECOVERY_CODE_REVOKED =
  'New backups no longer open with the recovery code; your passkey opens them as before.';

/**
 * After a replace or revoke: the backups the old code still opens. A revoke cannot take a slot
 * out of a file already made, and copies kept elsewhere cannot be seen from here, so both are
 * always said.
 */
export function describeOldCodeStillOpens(count: number): string {
  if (count === 0) {
    return (
      'No backup in the backup folder opens with the old recovery code; copies of older backups kept ' +
      'elsewhere (a drive, a cloud folder) still do.'
    );
  }
  const them = pluralNoun(count, 'it', 'them');
  return (
    `The old recovery code still opens ${formatCount(count, 'backup')} in the backup folder, and any ` +
    `copies of ${them} kept elsewhere; delete ${them} if someone else may have seen the old code.`
  );
}

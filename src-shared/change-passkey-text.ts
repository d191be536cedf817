/**
 * What a passkey change reports, and the sentences the window and the CLI say about it: one
 * wording, so both tell a person the same thing, above all that copies of backups elsewhere
 * (a USB drive, a cloud folder) were not changed and still open with the old passkey only.
 */

/** Why a backup kept its old passkey (src-main/backup/rekey/rekey-file.ts). */
export type PasskeyNotChangedReason =
  /** A version 1 backup: its key is derived from the passkey itself, there is no slot to rewrite. */
  | 'format-1'
  /** Its passkey slot is for another passkey than the old one given. */
  | 'other-passkey'
  /** It has no passkey slot at all. */
  | 'no-passkey-slot'
  /** Another program held it beyond the file layer's retry budget. */
  | 'locked'
  /** Its header or first chunk is damaged. */
  | 'damaged'
  /** A format version or header feature this NoteVault does not know. */
  | 'unsupported'
  /** Not a NoteVault backup, a link, or not a regular file. */
  | 'not-a-backup'
  /** Another NoteVault process is changing it right now (its journal exists). */
  | 'busy'
  /** Any other file-system failure (the message says which). */
  | 'io'
  /**
   * Its passkey slot asks for more Argon2id time or memory than NoteVault's own costs, so it was
   * not tried: NoteVault never made it, and a planted file must not stall the change for minutes.
   */
  | 'costly'
  /**
   * It is read-only (no owner write permission; on Windows the read-only attribute): refused up
   * front, since opening it for writing fails as a lock would and would be retried in vain.
   */
  | 'read-only'
  /**
   * It has more than one name (hard links): a header written in place would change the file
   * behind every other name too, wherever it is.
   */
  | 'hard-linked'
  /**
   * `file` is a folder: one of NoteVault's other backup destinations, which could not be reached
   * (an unplugged drive), so none of the copies NoteVault made there was changed.
   */
  | 'unreachable';

export interface ChangePasskeyReport {
  /** Backups that now open with the new passkey instead of the old one. */
  changed: number;
  /** Backups that already opened with the new passkey (an earlier, interrupted change). */
  alreadyNew: number;
  notChanged: { file: string; reason: PasskeyNotChangedReason; message: string }[];
  /** Argon2id runs: one per distinct salt of the old passkey's backups, plus one for the new passkey. */
  derivations: number;
  /** Seconds of the whole change, and of them the seconds spent in Argon2id. */
  seconds: number;
  secondsDeriving: number;
  /** Journals of an earlier, interrupted change that were finished before this one started. */
  finishedEarlier: number;
  /** The app only: NoteVault's other backup destinations whose copies were changed too. */
  otherDestinations?: number;
}

const REASON_TEXT: Record<PasskeyNotChangedReason, string> = {
  'format-1': 'made by NoteVault 0.1, it opens only with the passkey it was made with',
  'other-passkey': 'made with another passkey',
  'no-passkey-slot': 'it cannot be opened with a passkey',
  locked: 'another program was using it; try again once it is closed',
  damaged: 'it is damaged',
  unsupported: 'made by a newer NoteVault',
  'not-a-backup': 'not a NoteVault backup',
  busy: 'another NoteVault window or command was changing it',
  io: 'it could not be read or written',
  costly: 'not made by NoteVault with your passkey (trying it would take too long)',
  'read-only': 'the file is read-only; clear its read-only setting and run the change again',
  'hard-linked': 'the file has other names (hard links); remove them and run the change again',
  unreachable:
    'this backup destination could not be reached, so the copies NoteVault made there were not changed and still open with the old passkey only',
};

export function describeNotChangedReason(reason: PasskeyNotChangedReason): string {
  return REASON_TEXT[reason];
}

/** The plain sentences after a passkey change, for the dialog and the CLI. */
export function describePasskeyChange(report: ChangePasskeyReport): string[] {
  const backups = (n: number): string => `${n} backup${n === 1 ? '' : 's'}`;
  const where =
    (report.otherDestinations ?? 0) > 0
      ? "your backup folder and NoteVault's other backup destinations"
      : 'your backup folder';
  const opensNow = (n: number): string => `${backups(n)} in ${where} now ${n === 1 ? 'opens' : 'open'}`;
  const lines = [
    `Your passkey is changed: ${opensNow(report.changed + report.alreadyNew)} with the new passkey, and new backups will use it.`,
  ];
  if (report.notChanged.length > 0) {
    lines.push(`${backups(report.notChanged.length)} kept the old passkey:`);
    for (const { file, reason } of report.notChanged)
      lines.push(`  ${file}: ${describeNotChangedReason(reason)}.`);
  }
  lines.push(
    // NoteVault's own copies in its destinations are changed (or listed above); these are the person's.
    'Copies of your backups kept anywhere else by you (another drive, a cloud folder) were not changed: they still open with the old passkey only.',
  );
  return lines;
}

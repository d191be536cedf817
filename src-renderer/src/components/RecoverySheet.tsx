import { createPortal } from 'react-dom';
import { formatDateTime } from '../../../src-shared/format';
import { RECOVERY_CODE_KEEPING, RECOVERY_CODE_OPENS } from '../../../src-shared/recovery-code-text';
import { RecoveryCodeGroups } from './RecoveryCodeGroups';

interface RecoverySheetProps {
  code: string;
  createdAt: string;
}

/**
 * The printed recovery sheet: hidden on screen, and in print the only thing on the page
 * (recovery-code.css), so window.print() prints it, or saves it as a PDF, with nothing of the
 * notes around it. Outside the app's root, since print hides the root and the dialog with it.
 * It exists only while the code is shown: closing the dialog takes it out of the page.
 */
export function RecoverySheet({ code, createdAt }: RecoverySheetProps) {
  const created = formatDateTime(createdAt);
  return createPortal(
    <article className="recovery-sheet" aria-label="Recovery sheet, for printing">
      <h1>NoteVault recovery sheet</h1>
      <p>Recovery code created {created}.</p>
      <RecoveryCodeGroups code={code} />
      <h2>What it opens</h2>
      <p>{RECOVERY_CODE_OPENS}</p>
      <h2>What it cannot open</h2>
      <p>
        Backups made before {created}, or after this code was replaced or revoked. It is not a passkey: it
        cannot make new backups or change your passkey, and it does not open NoteVault itself.
      </p>
      <h2>Keeping it</h2>
      <p>{RECOVERY_CODE_KEEPING}</p>
      <h2>Restoring a backup with it</h2>
      <ol>
        <li>Open NoteVault (install it again from its website if this computer is gone).</li>
        <li>Choose Restore from a backup…, or open Backups and choose Restore beside a backup.</li>
        <li>Choose the backup file, then choose Use a recovery code instead.</li>
        <li>Type the code above: NoteVault checks each group as you type it.</li>
        <li>Look at what the backup holds, then restore it.</li>
      </ol>
      <h2>Reading a backup without NoteVault</h2>
      <p>
        The backup format is open and written down in docs/backup-format.md in NoteVault&apos;s source code.
        With that document and any libsodium library, a programmer can read a backup with this code: the code
        gives the key of the backup&apos;s recovery-code slot (section 19), the slot gives the file key
        (section 17), and the file key decrypts the notes, which are a SQLite database (sections 15 and 16).
      </p>
    </article>,
    document.body,
  );
}

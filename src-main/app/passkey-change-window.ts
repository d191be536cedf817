import { basename } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import type { PasskeyChangeDone } from '../../src-shared/ipc/contract-passkey';
import type { IpcEventSink } from '../ipc/event-sink';
import type { ChangePasskeyService } from './change-passkey-service';
import type { Dialogs } from './dialogs';
import { assertNewPasskeyStrongEnough } from './passkey-check';

export interface PasskeyChangeWindowDeps {
  changes: Pick<ChangePasskeyService, 'change' | 'cancel'>;
  /** The backup folder, or null until one is chosen: named in main's question. */
  backupFolder: () => string | null;
  dialogs: Pick<Dialogs, 'confirm'>;
  events: IpcEventSink;
}

/**
 * The window's passkey change (passkey:change) over ChangePasskeyService: main's own question
 * first, since afterwards the current passkey no longer opens those backups and a script in the
 * window must not do that unseen; then the job, its progress as `passkey:didProgress`, and the
 * report with file names rather than paths.
 */
export class PasskeyChangeWindow {
  /** A change asked for and not finished: from the strength check to the job's end. */
  private pending = false;
  /** Cancel was pressed before the job could take it (while main checked, asked or started it). */
  private cancelRequested = false;

  constructor(private readonly deps: PasskeyChangeWindowDeps) {}

  /** Null: the person said no in main's dialog, and nothing changed. */
  async change(oldPasskey: string, newPasskey: string): Promise<PasskeyChangeDone | null> {
    this.pending = true;
    this.cancelRequested = false;
    try {
      return await this.checkAskAndChange(oldPasskey, newPasskey);
    } finally {
      this.pending = false;
    }
  }

  /**
   * Stops the change between two files. A Cancel pressed before the job runs (the service only
   * knows of it once the job starts) is kept and handed over at the job's first progress.
   */
  cancel(): boolean {
    if (this.deps.changes.cancel()) return true;
    if (!this.pending) return false;
    this.cancelRequested = true;
    return true;
  }

  private async checkAskAndChange(oldPasskey: string, newPasskey: string): Promise<PasskeyChangeDone | null> {
    // The rule every new passkey meets, before the question: never ask, then refuse.
    await assertNewPasskeyStrongEnough(newPasskey);
    const folder = this.deps.backupFolder();
    const agreed = await this.deps.dialogs.confirm({
      message: 'Change the passkey of your backups?',
      detail:
        (folder === null
          ? 'No backup folder is chosen, so no backup is changed: backups made from now on will open with the new passkey. '
          : `Every backup in ${folder} that opens with your current passkey will open with the new one instead, and no longer with the current one. `) +
        "NoteVault's own copies in your other backup destinations are changed too. Copies kept anywhere else by you (another drive, a cloud folder) are not changed: they keep opening with the current passkey only.",
      confirmLabel: 'Change passkey',
    });
    if (!agreed) return null;
    if (this.cancelRequested) {
      throw new NoteVaultError(
        'CANCELLED',
        'The passkey change was cancelled before it started: nothing was changed.',
      );
    }
    const { report } = await this.deps.changes.change(
      { currentPasskey: oldPasskey, newPasskey },
      (progress) => {
        if (this.cancelRequested) this.deps.changes.cancel();
        this.deps.events('passkey:didProgress', { ...progress });
      },
    );
    return {
      ...report,
      notChanged: report.notChanged.map((entry) => ({ ...entry, file: basename(entry.file) })),
    };
  }
}

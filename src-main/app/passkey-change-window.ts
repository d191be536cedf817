import { basename } from 'node:path';
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
  constructor(private readonly deps: PasskeyChangeWindowDeps) {}

  /** Null: the person said no in main's dialog, and nothing changed. */
  async change(oldPasskey: string, newPasskey: string): Promise<PasskeyChangeDone | null> {
    // The rule every new passkey meets, before the question: never ask, then refuse.
    await assertNewPasskeyStrongEnough(newPasskey);
    const folder = this.deps.backupFolder();
    const agreed = await this.deps.dialogs.confirm({
      message: 'Change the passkey of your backups?',
      detail:
        (folder === null
          ? 'No backup folder is chosen, so no backup is changed: backups made from now on will open with the new passkey. '
          : `Every backup in ${folder} that opens with your current passkey will open with the new one instead, and no longer with the current one. `) +
        'Copies kept anywhere else (another drive, a cloud folder) are not changed: they keep opening with the current passkey only.',
      confirmLabel: 'Change passkey',
    });
    if (!agreed) return null;
    const { report } = await this.deps.changes.change(
      { currentPasskey: oldPasskey, newPasskey },
      (progress) => this.deps.events('passkey:didProgress', { ...progress }),
    );
    return {
      ...report,
      notChanged: report.notChanged.map((entry) => ({ ...entry, file: basename(entry.file) })),
    };
  }

  cancel(): boolean {
    return this.deps.changes.cancel();
  }
}

import { NoteVaultError } from '../../src-shared/errors';
import type { Settings, SettingsPatch } from '../../src-shared/settings';
import type { IpcEventSink } from '../ipc/event-sink';
import { forgetUnattendedKey } from '../keystore/unattended-key';
import type { SealedKeyStore } from '../keystore/sealed-key-store';
import type { SettingsChange, SettingsStore } from '../settings/settings-store';
import type { Dialogs } from './dialogs';

export interface SettingsServiceDeps {
  store: SettingsStore;
  /** Turning the schedule off forgets the key saved for it. */
  keyStore: SealedKeyStore;
  dialogs: Pick<Dialogs, 'chooseFolder'>;
  /** Every change is announced as `settings:didChange`, whoever made it. */
  emit: IpcEventSink;
}

/**
 * The settings as the window and the tray change them, the backup folder included: the one
 * place that chooses it (the settings view and the backup dialog both ask here), so it is
 * written to the settings file one way and announced once.
 */
export class SettingsService {
  private readonly stopAnnouncing: () => void;

  constructor(private readonly deps: SettingsServiceDeps) {
    this.stopAnnouncing = deps.store.onDidChange(({ settings }) => deps.emit('settings:didChange', settings));
  }

  get(): Readonly<Settings> {
    return this.deps.store.get();
  }

  /** Shown once by the UI when the settings file was damaged or unreadable at start. */
  get loadWarning(): string | null {
    return this.deps.store.loadWarning;
  }

  onDidChange(listener: (change: SettingsChange) => void): () => void {
    return this.deps.store.onDidChange(listener);
  }

  /**
   * A settings change from the renderer or the tray. Turning the schedule on needs the
   * passkey (ScheduleService.enable); switching between intervals while on, or off, does not.
   */
  async update(patch: SettingsPatch): Promise<Settings> {
    const { store, keyStore } = this.deps;
    if (patch.schedule !== undefined && patch.schedule !== 'off' && store.get().schedule === 'off') {
      throw new NoteVaultError(
        'VALIDATION',
        'Scheduled backups need your passkey to be turned on. Use "Turn on scheduled backups" in Settings.',
      );
    }
    const next = await store.update(patch);
    if (patch.schedule === 'off') await forgetUnattendedKey(keyStore);
    return next;
  }

  /** The native folder picker, then the choice remembered; null when the person cancelled. */
  async chooseBackupFolder(): Promise<Settings | null> {
    const folder = await this.deps.dialogs.chooseFolder({
      title: 'Choose the folder for NoteVault backups',
      defaultPath: this.deps.store.get().backupFolder ?? undefined,
    });
    if (folder === null) return null;
    return this.deps.store.setBackupFolder(folder);
  }

  /** For quitting: changes made after this are no longer announced. */
  dispose(): void {
    this.stopAnnouncing();
  }
}

import { NoteVaultError } from '../../src-shared/errors';
import { backupDestinations } from '../../src-shared/settings';
import type { Settings, SettingsPatch } from '../../src-shared/settings';
import {
  checkBackupFolder,
  checkNewDestinationFolder,
  newDestinationId,
} from '../destinations/destination-folder-rules';
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
  /** NoteVault's data folder: no backup destination may be inside it. */
  userDataDir: string;
}

/** What removing a destination did, in a sentence the window shows. */
export interface RemovedDestination {
  settings: Settings;
  message: string;
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
    // Never onto, inside or around an extra destination: two retentions would share its files.
    await checkBackupFolder(folder, { extras: this.deps.store.get().extraDestinations ?? [] });
    return this.deps.store.setBackupFolder(folder);
  }

  /**
   * Main's folder dialog, then the folder checked (destination-folder-rules.ts) and kept as a
   * new extra destination with the backup folder's retention; null when the person cancelled.
   */
  async addDestination(): Promise<Settings | null> {
    const { store } = this.deps;
    const folder = await this.deps.dialogs.chooseFolder({
      title: 'Choose another folder for NoteVault backups',
    });
    if (folder === null) return null;
    const current = store.get();
    const existing = backupDestinations(current);
    await checkNewDestinationFolder(folder, { existing, userDataDir: this.deps.userDataDir });
    const extras = current.extraDestinations ?? [];
    const added = { id: newDestinationId(existing), folder, retention: { ...current.retention } };
    return store.setExtraDestinations([...extras, added]);
  }

  /** Stops copying to a destination. Its files stay where they are, and the sentence says so. */
  async removeDestination(id: string): Promise<RemovedDestination> {
    const { store } = this.deps;
    const extras = store.get().extraDestinations ?? [];
    const removed = extras.find((destination) => destination.id === id);
    if (removed === undefined) {
      throw new NoteVaultError(
        'VALIDATION',
        'That backup destination is no longer in Settings; reopen Settings and try again.',
      );
    }
    const settings = await store.setExtraDestinations(extras.filter((destination) => destination.id !== id));
    return {
      settings,
      message: `NoteVault no longer copies backups to "${removed.folder}"; the backups already there were left in place.`,
    };
  }

  /** For quitting: changes made after this are no longer announced. */
  dispose(): void {
    this.stopAnnouncing();
  }
}

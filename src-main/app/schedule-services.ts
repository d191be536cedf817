import { join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import type { KeychainStatus, ScheduleStatus } from '../../src-shared/ipc/contract-schedule';
import type { ScheduleInterval, Settings, SettingsPatch } from '../../src-shared/settings';
import type { NotesRepository } from '../db/notes-repository';
import type { IpcEventSink } from '../ipc/event-sink';
import { enableUnattendedBackups, forgetUnattendedKey } from '../keystore/unattended-key';
import type { DeriveKeyFn } from '../keystore/unattended-key';
import type { SealedKeyStore } from '../keystore/sealed-key-store';
import { BackupRunService } from '../schedule/backup-run-service';
import { BackupScheduler } from '../schedule/backup-scheduler';
import { Listeners } from '../schedule/listeners';
import type { SchedulerClock, SchedulerTuning } from '../schedule/scheduler-types';
import { BACKUP_STATE_FILE, BackupStateStore } from '../settings/backup-state-store';
import type { SettingsStore } from '../settings/settings-store';
import { BackupsService } from './backups-service';
import { BrowseSessions } from './browse-sessions';
import type { Dialogs } from './dialogs';
import type { JobGate } from './job-gate';
import { scheduleStatus } from './schedule-status';

/** The operating-system seams of scheduling: real in the app, fakes in the end-to-end bridge. */
export interface ScheduleSeams {
  clock: SchedulerClock;
  keyStore: SealedKeyStore;
  /** deriveKeyInWorker with the built worker in the app (Argon2id's memory must not stay in main). */
  deriveKey: DeriveKeyFn;
  /** A desktop notification. */
  notify: (title: string, body: string) => void;
  schedulerTuning?: SchedulerTuning;
}

export interface ScheduleServicesDeps extends ScheduleSeams {
  userDataDir: string;
  /** Shared with the rest of the app (the backup controller remembers its folder there too). */
  settings: SettingsStore;
  databasePath: string;
  appVersion: string;
  nativeBinding?: string;
  /** Parent of private temp folders (os.tmpdir() in the app). */
  tempParent: string;
  jobs: JobGate;
  dialogs: Dialogs;
  currentNotes: () => NotesRepository;
  /** Where events for the renderer go; may be replaced later (the window comes after the services). */
  emit: IpcEventSink;
  log?: (message: string) => void;
}

/**
 * Scheduled backups, settings, the backups view and browsing, wired together: settings
 * changes reschedule, every finished run reschedules and is announced, and every change of
 * what the status shows is announced once (to the renderer and to `onDidChangeStatus`, which
 * the tray uses).
 */
export class ScheduleServices {
  private readonly statusChanges = new Listeners<ScheduleStatus>();
  private readonly unsubscribe: (() => void)[] = [];

  private constructor(
    private readonly deps: ScheduleServicesDeps,
    readonly settings: SettingsStore,
    readonly state: BackupStateStore,
    readonly runs: BackupRunService,
    readonly scheduler: BackupScheduler,
    readonly backups: BackupsService,
    readonly browse: BrowseSessions,
  ) {
    const announce = () => this.announceStatus();
    this.unsubscribe.push(
      settings.onDidChange(({ settings: next, previous }) => {
        deps.emit('settings:didChange', next);
        if (next.schedule !== previous.schedule) scheduler.reschedule();
        announce();
      }),
      runs.onDidFinish((run) => {
        scheduler.reschedule();
        deps.emit('schedule:didRun', run);
      }),
      state.onDidChange(announce),
      scheduler.onDidScheduleNext(announce),
      deps.jobs.onDidChangeBusy(announce),
    );
  }

  static async open(deps: ScheduleServicesDeps): Promise<ScheduleServices> {
    const log = deps.log ?? ((message: string) => console.warn(message));
    const { settings } = deps;
    const state = await BackupStateStore.open(join(deps.userDataDir, BACKUP_STATE_FILE), { log });
    const runs = new BackupRunService({
      runBackupJob: (request, onProgress, signal) => deps.jobs.backup(request, onProgress, signal),
      settings,
      state,
      keyStore: deps.keyStore,
      databasePath: deps.databasePath,
      appVersion: deps.appVersion,
      tempParent: deps.tempParent,
      nativeBinding: deps.nativeBinding,
      externalBusy: () => deps.jobs.isBusy(),
      now: () => deps.clock.now(),
      log,
    });
    const scheduler = new BackupScheduler(
      {
        clock: deps.clock,
        getInterval: () => settings.get().schedule,
        getLastSuccess: () => state.lastSuccessAt(),
        isBusy: () => runs.isBusy(),
        runBackup: () => runs.runScheduled(),
        notify: (title, body) => deps.notify(title, body),
        notifyOnSuccess: () => settings.get().notifyOnSuccess,
      },
      deps.schedulerTuning,
    );
    const backups = new BackupsService({
      settings,
      state,
      keyStore: deps.keyStore,
      jobs: deps.jobs,
      dialogs: deps.dialogs,
      tempParent: deps.tempParent,
      nativeBinding: deps.nativeBinding,
    });
    const browse = new BrowseSessions({
      backups,
      jobs: deps.jobs,
      tempParent: deps.tempParent,
      nativeBinding: deps.nativeBinding,
      currentNotes: deps.currentNotes,
      onNotesChanged: (ids) => deps.emit('notes:didChange', { reason: 'created', ids }),
    });
    return new ScheduleServices(deps, settings, state, runs, scheduler, backups, browse);
  }

  /** Starts scheduling; a run missed while NoteVault was closed happens once, after a grace period. */
  start(): void {
    this.scheduler.start();
  }

  status(): ScheduleStatus {
    return scheduleStatus({
      schedule: this.settings.get().schedule,
      status: this.state.get(),
      nextRunAt: this.scheduler.nextRun(),
      busy: this.runs.isBusy() || this.scheduler.isRunning(),
      now: this.deps.clock.now(),
    });
  }

  onDidChangeStatus(listener: (status: ScheduleStatus) => void): () => void {
    return this.statusChanges.on(listener);
  }

  async keychainStatus(): Promise<KeychainStatus> {
    const availability = await this.deps.keyStore.availability();
    return {
      available: availability.available,
      reason: availability.available ? null : availability.reason,
      keychainName: this.deps.keyStore.keychainName,
    };
  }

  /** Saves the key for unattended backups (sealed by the keychain), then turns the schedule on. */
  async enable(interval: Exclude<ScheduleInterval, 'off'>, passkey: string): Promise<ScheduleStatus> {
    if (this.settings.get().backupFolder === null) {
      throw new NoteVaultError('VALIDATION', 'Choose a backup folder before turning on scheduled backups.');
    }
    await enableUnattendedBackups(passkey, this.deps.keyStore, this.deps.deriveKey);
    await this.settings.update({ schedule: interval });
    return this.status();
  }

  /** Turns the schedule off and forgets the saved key. */
  async disable(): Promise<ScheduleStatus> {
    await this.settings.update({ schedule: 'off' });
    await forgetUnattendedKey(this.deps.keyStore);
    return this.status();
  }

  /**
   * A settings change from the renderer or the tray. Turning the schedule on needs the
   * passkey (enable); switching between intervals while on, or off, does not.
   */
  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    if (patch.schedule !== undefined && patch.schedule !== 'off' && this.settings.get().schedule === 'off') {
      throw new NoteVaultError(
        'VALIDATION',
        'Scheduled backups need your passkey to be turned on. Use "Turn on scheduled backups" in Settings.',
      );
    }
    const next = await this.settings.update(patch);
    if (patch.schedule === 'off') await forgetUnattendedKey(this.deps.keyStore);
    return next;
  }

  /** The native folder picker; null when the person cancelled. */
  async chooseBackupFolder(): Promise<Settings | null> {
    const folder = await this.deps.dialogs.chooseFolder({
      title: 'Choose the folder for NoteVault backups',
      defaultPath: this.settings.get().backupFolder ?? undefined,
    });
    if (folder === null) return null;
    return this.settings.update({ backupFolder: folder });
  }

  /** For quitting: no more runs, browsing copies wiped, both files written. */
  async dispose(): Promise<void> {
    this.scheduler.stop();
    for (const off of this.unsubscribe.splice(0)) off();
    await this.browse
      .closeAll()
      .catch((error: unknown) => this.deps.log?.(`Could not wipe the browsing copy: ${String(error)}`));
    await this.settings.flush();
    await this.state.flush();
  }

  private announceStatus(): void {
    const status = this.status();
    this.deps.emit('schedule:didChangeStatus', status);
    this.statusChanges.fire(status);
  }
}

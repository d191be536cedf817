import { NoteVaultError } from '../../src-shared/errors';
import type { KeychainStatus, ScheduleStatus } from '../../src-shared/ipc/contract-schedule';
import type { ScheduleInterval } from '../../src-shared/settings';
import type { IpcEventSink } from '../ipc/event-sink';
import { enableDeviceKey, forgetUnattendedKey } from '../keystore/unattended-key';
import type { DeriveKeyFn } from '../keystore/unattended-key';
import type { SealedKeyStore } from '../keystore/sealed-key-store';
import { BackupScheduler } from '../schedule/backup-scheduler';
import { Listeners } from '../schedule/listeners';
import type { SchedulerClock, SchedulerTuning } from '../schedule/scheduler-types';
import type { BackupStateStore } from '../settings/backup-state-store';
import type { SettingsStore } from '../settings/settings-store';
import type { BackupRunner } from './backup-runner';
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

export interface ScheduleServiceDeps extends ScheduleSeams {
  settings: SettingsStore;
  /** The backup history (backup-state.json). */
  history: BackupStateStore;
  /** Scheduled runs go through the same runner as manual ones. */
  runner: BackupRunner;
  jobs: JobGate;
  /** Where events for the renderer go. */
  emit: IpcEventSink;
  /** The notes database's folder: backup-keys.json, whose passkey the typed one must be. */
  keysFolder: string;
}

/**
 * Scheduled backups: turning them on (with the key saved for unattended runs) and off, the
 * scheduler, and the status the backups view and the tray show. A schedule change in the
 * settings reschedules, every finished run (manual or scheduled) reschedules and is announced,
 * and every change of what the status shows is announced once (to the renderer and to
 * `onDidChangeStatus`, which the tray uses).
 */
export class ScheduleService {
  readonly scheduler: BackupScheduler;
  private readonly statusChanges = new Listeners<ScheduleStatus>();
  private readonly unsubscribe: (() => void)[];
  /** True while `enable` derives and seals a key. */
  private enabling = false;

  constructor(private readonly deps: ScheduleServiceDeps) {
    const { settings, history, runner } = deps;
    const scheduler = new BackupScheduler(
      {
        clock: deps.clock,
        getInterval: () => settings.get().schedule,
        getLastSuccess: () => history.lastSuccessAt(),
        isBusy: () => runner.isBusy(),
        runBackup: () => runner.runScheduled(),
        notify: (title, body) => deps.notify(title, body),
        notifyOnSuccess: () => settings.get().notifyOnSuccess,
      },
      deps.schedulerTuning,
    );
    this.scheduler = scheduler;
    const announce = () => this.announceStatus();
    this.unsubscribe = [
      settings.onDidChange(({ settings: next, previous }) => {
        if (next.schedule !== previous.schedule) scheduler.reschedule();
        announce();
      }),
      runner.onDidFinish((run) => {
        scheduler.reschedule();
        deps.emit('schedule:didRun', run);
      }),
      history.onDidChange(announce),
      scheduler.onDidScheduleNext(announce),
      deps.jobs.onDidChangeBusy(announce),
    ];
  }

  /** Starts scheduling; a run missed while NoteVault was closed happens once, after a grace period. */
  start(): void {
    this.scheduler.start();
  }

  status(): ScheduleStatus {
    return scheduleStatus({
      schedule: this.deps.settings.get().schedule,
      status: this.deps.history.get(),
      nextRunAt: this.scheduler.nextRun(),
      busy: this.deps.runner.isBusy() || this.scheduler.isRunning(),
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

  /**
   * Checks the passkey against the one backups use (keeping its public key when none is kept),
   * seals a fresh device key for unattended backups, then turns the schedule on.
   * Single-flight: each call derives a key with Argon2id (256 MiB, outside the job gate), so a
   * second call while one runs is refused with BUSY rather than allowed to pile up derivations.
   * Not shared either: two calls may carry different passkeys.
   */
  async enable(interval: Exclude<ScheduleInterval, 'off'>, passkey: string): Promise<ScheduleStatus> {
    if (this.enabling) {
      throw new NoteVaultError(
        'BUSY',
        'Scheduled backups are already being turned on. Wait until that finishes.',
      );
    }
    this.enabling = true;
    try {
      if (this.deps.settings.get().backupFolder === null) {
        throw new NoteVaultError('VALIDATION', 'Choose a backup folder before turning on scheduled backups.');
      }
      await enableDeviceKey(passkey, this.deps.keyStore, this.deps.deriveKey, this.deps.keysFolder);
      await this.deps.settings.update({ schedule: interval });
      return this.status();
    } finally {
      this.enabling = false;
    }
  }

  /** Turns the schedule off and forgets the saved key. */
  async disable(): Promise<ScheduleStatus> {
    await this.deps.settings.update({ schedule: 'off' });
    await forgetUnattendedKey(this.deps.keyStore);
    return this.status();
  }

  /** For quitting: no more runs, and no more announcements. */
  stop(): void {
    this.scheduler.stop();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private announceStatus(): void {
    const status = this.status();
    this.deps.emit('schedule:didChangeStatus', status);
    this.statusChanges.fire(status);
  }
}

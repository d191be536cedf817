import { tmpdir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SETTINGS_FILE } from '../settings/settings-file';
import { SettingsStore } from '../settings/settings-store';
import type { IpcEventSink } from '../ipc/event-sink';
import { BackupController } from './backup-controller';
import type { Dialogs } from './dialogs';
import { JobGate } from './job-gate';
import { NotesDatabaseHolder } from './notes-database-holder';
import { scheduleSeamsWithoutKeychain } from './no-keychain';
import { sweepAtStartup } from './sweep-at-startup';
import { ScheduleServices } from './schedule-services';
import type { ScheduleSeams } from './schedule-services';

export const DATABASE_FILE = 'notevault.db';

/** What the composition root needs from its surroundings: OS things the tests replace. */
export interface AppSeams {
  dialogs: Dialogs;
  /** Where main-process events go: the main window in the app, the test page in e2e. */
  events: IpcEventSink;
  /** The built backup-job-worker.js. */
  workerPath: string;
  appVersion: string;
  /** better-sqlite3 for Electron; undefined under Node. */
  nativeBinding?: string | undefined;
  /** process.platform in the app; decides settings defaults. */
  platform: string;
  /** Parent of the job worker's private temp folders; default os.tmpdir(). */
  tempParent?: string | undefined;
  /** Where start-up problems are written (the main process's console in the app). Default console.warn. */
  log?: ((message: string) => void) | undefined;
  /**
   * Clock and timers, the keychain, key derivation and notifications of scheduled backups.
   * Without it there is no keychain, so scheduled backups stay off (tests of other services).
   */
  schedule?: ScheduleSeams | undefined;
}

export interface AppServices {
  holder: NotesDatabaseHolder;
  settings: SettingsStore;
  jobs: JobGate;
  backup: BackupController;
  /** Settings, scheduled backups, the backups view and browsing. Call `schedule.start()` once the app is up. */
  schedule: ScheduleServices;
  /** Waits for pending settings writes and closes the database. */
  dispose(): Promise<void>;
}

/**
 * The composition root shared by the app (src-main/index.ts) and the end-to-end bridge:
 * every main-process service over one user-data folder, wired the same way in both.
 */
export async function createAppServices(userDataDir: string, seams: AppSeams): Promise<AppServices> {
  const log = seams.log ?? ((message: string) => console.warn(message));
  // Electron creates userData itself; a test's or a --user-data-dir folder may not exist yet.
  await mkdir(userDataDir, { recursive: true });
  const settings = await SettingsStore.open(join(userDataDir, SETTINGS_FILE), { platform: seams.platform });
  const tempParent = seams.tempParent ?? tmpdir();
  // Before anything can start a job, so the sweep never races one of this run's own.
  await sweepAtStartup({ userDataDir, backupFolder: settings.get().backupFolder, tempParent }, log);
  const holder = new NotesDatabaseHolder(join(userDataDir, DATABASE_FILE), seams.nativeBinding);
  holder.claimForApp();
  try {
    holder.open();
  } catch (error) {
    holder.dispose();
    throw error;
  }
  const jobs = new JobGate(seams.workerPath);
  const schedule = await ScheduleServices.open({
    ...(seams.schedule ?? scheduleSeamsWithoutKeychain()),
    userDataDir,
    settings,
    databasePath: holder.databasePath,
    appVersion: seams.appVersion,
    nativeBinding: seams.nativeBinding,
    tempParent,
    jobs,
    dialogs: seams.dialogs,
    currentNotes: () => holder.repository(),
    emit: seams.events,
    log,
  });
  const backup = new BackupController({
    holder,
    jobs,
    manualBackups: schedule.runs,
    dialogs: seams.dialogs,
    events: seams.events,
    folderStore: {
      get: () => settings.get().backupFolder,
      set: async (folder) => {
        await settings.update({ backupFolder: folder });
      },
    },
    appVersion: seams.appVersion,
    nativeBinding: seams.nativeBinding,
    tempParent: seams.tempParent,
  });
  return {
    holder,
    settings,
    jobs,
    backup,
    schedule,
    async dispose() {
      // Scheduler stopped and browsing copies wiped before the database closes.
      await schedule.dispose();
      await settings.flush();
      holder.dispose();
    },
  };
}

import { tmpdir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BACKUP_STATE_FILE, BackupStateStore } from '../settings/backup-state-store';
import { BACKUP_CATALOGUE_FILE, BackupCatalogue } from '../settings/backup-catalogue';
import { SETTINGS_FILE } from '../settings/settings-file';
import { SettingsStore } from '../settings/settings-store';
import { PRIVATE_DIR_MODE } from '../fsx/private-modes';
import { appTempRoot, ensurePrivateTempRoot } from '../fsx/private-temp-root';
import type { IpcEventSink } from '../ipc/event-sink';
import type { NoteVersionsRepository } from '../db/note-versions-repository';
import { systemClock } from '../schedule/scheduler-types';
import { historyCapBytes } from '../../src-shared/settings';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import { followBackupKeysChange, loadUnattendedKeys } from '../keystore/unattended-key';
import { AttachmentService } from './attachment-service';
import { BackupRestoreJobs } from './backup-restore-jobs';
import { BackupRunner } from './backup-runner';
import { BackupsListService } from './backups-list-service';
import { BrowseSessions } from './browse-sessions';
import type { Dialogs } from './dialogs';
import { JobGate } from './job-gate';
import { NotesDatabaseHolder } from './notes-database-holder';
import { tightenUserData } from './private-user-data';
import { scheduleSeamsWithoutKeychain } from './no-keychain';
import { ChangePasskeyService } from './change-passkey-service';
import { PasskeyChangeWindow } from './passkey-change-window';
import { RecoveryCodeService } from './recovery-code-service';
import { RecoveryCodeWindow } from './recovery-code-window';
import { RetentionPreviewService } from './retention-preview-service';
import { ScheduleService } from './schedule-service';
import type { ScheduleSeams } from './schedule-service';
import { SettingsService } from './settings-service';
import { noTransferDialogs } from './transfer-dialogs';
import type { TransferDialogs } from './transfer-dialogs';
import { TransferJobs } from './transfer-jobs';
import { sweepAtStartup } from './sweep-at-startup';
import { BackgroundScheduleService } from '../os-schedule/background-schedule-service';
import { headlessRunPath } from '../os-schedule/headless-run-record';
import { RUN_SCHEDULED_BACKUP_SWITCH } from '../os-schedule/os-schedule-names';
import type { ScheduledProgram } from '../os-schedule/os-schedule-names';
import type { OsScheduleRegistrar } from '../os-schedule/os-schedule-registrar';
import { DrillService } from '../drills/drill-service';
import { HealthService } from '../health/health-service';
import { cappedRetentionSource } from '../health/health-sources';
import { BackupDestinations } from '../destinations/backup-destinations';
import { dropOverlappingDestinations } from '../destinations/destination-folder-rules';
import { passkeyChangeFolders } from '../destinations/passkey-change-folders';
import { copyBackupInto } from '../fsx/copy-into-folder';
import { cloudSyncProbeForThisComputer, detectCloudSyncFolder } from '../fsx/cloud-sync-folder';

export const DATABASE_FILE = 'notevault.db';
/** Where a backup for a cloud-synced backup folder is written before it is copied in (owner-only). */
export const BACKUP_STAGING_FOLDER = 'backup-staging';

/** What the composition root needs from its surroundings: OS things the tests replace. */
export interface AppSeams {
  dialogs: Dialogs;
  /** Import's and export's dialogs; without them every choice is cancelled (tests of other services). */
  transferDialogs?: TransferDialogs | undefined;
  /** Where main-process events go: the main window in the app, the test page in e2e. */
  events: IpcEventSink;
  /** The built backup-job-worker.js. */
  workerPath: string;
  appVersion: string;
  /** better-sqlite3 for Electron; undefined under Node. */
  nativeBinding?: string | undefined;
  /** process.platform in the app; decides settings defaults. */
  platform: string;
  /** Parent of the job worker's private temp folders; default `<user data>/tmp` (private-temp-root.ts). */
  tempParent?: string | undefined;
  /** Where start-up problems are written (the main process's console in the app). Default console.warn. */
  log?: ((message: string) => void) | undefined;
  /**
   * Clock and timers, the keychain, key derivation and notifications of scheduled backups.
   * Without it there is no keychain, so scheduled backups stay off (tests of other services).
   */
  schedule?: ScheduleSeams | undefined;
  /**
   * The operating system's scheduler for backups while NoteVault is closed, and the program it
   * starts. Without it nothing is registered (tests of other services).
   */
  osSchedule?: { registrar: OsScheduleRegistrar | null; program: ScheduledProgram } | undefined;
}

/** The services the window reaches over IPC, one per domain, each named for what it serves. */
export interface DomainServices {
  /** settings:* — the settings, the backup folder included. */
  settings: SettingsService;
  /** schedule:* — scheduled backups and the backup status. */
  schedule: ScheduleService;
  /** backups:* — the backups view's list of the backup folder. */
  backups: BackupsListService;
  /** browse:* — reading a backup without restoring it. */
  browse: BrowseSessions;
  /** backup:* and restore:* — the backup and restore jobs the window starts. */
  backup: BackupRestoreJobs;
  /** Main's own confirmation of steps that cannot be undone (deleting notes forever). */
  consent: Pick<Dialogs, 'confirm'>;
  /** versions:*, and notes:update's kept versions — notes' history. Fetched per request, as notes are. */
  noteVersions: () => NoteVersionsRepository;
  /** attachments:* — pasted and dropped files: adding, reading for display, saving a copy. */
  attachments: AttachmentService;
  /** transfer:* — importing and exporting notes from the window, in the job worker. */
  transfer: TransferJobs;
  /** recoveryCode:* — the recovery code for v2 backups: made, replaced and revoked from Settings. */
  recoveryCodes: RecoveryCodeWindow;
  /** passkey:* — changing the passkey of the backups in the backup folder, from Settings. */
  passkeys: PasskeyChangeWindow;
  /** osSchedule:* — the OS scheduler's entry for backups while NoteVault is closed (src-main/os-schedule/). */
  osSchedule: BackgroundScheduleService;
  /** backups:retentionPreview — what the next clean-up of a destination would delete. */
  retention: RetentionPreviewService;
  /** drills:* — restore drills: on the drill schedule, and "Test a restore now" from Settings. */
  drills: DrillService;
  /** health:* — the health report the Health view and the tray show (src-main/health/). */
  health: HealthService;
  /** destinations:* — where backups are copied, their state and the catch-up. */
  destinations: BackupDestinations;
}

export interface AppServices extends DomainServices {
  holder: NotesDatabaseHolder;
  /** The settings file itself; the window and the tray change it through `settings`. */
  settingsStore: SettingsStore;
  /** The backup history (backup-state.json). */
  history: BackupStateStore;
  /** Every backup written, its copies per destination and their drills (backup-catalogue.json). */
  catalogue: BackupCatalogue;
  jobs: JobGate;
  /** Makes every backup, manual or scheduled, and records it in `history`. */
  runner: BackupRunner;
  /** For quitting: stops the scheduler, wipes browsing copies and writes settings and history. */
  stop(): Promise<void>;
  /** `stop`, then closes the database. */
  dispose(): Promise<void>;
}

/**
 * The composition root shared by the app (src-main/index.ts) and the end-to-end bridge:
 * every main-process service over one user-data folder, wired the same way in both. Call
 * `schedule.start()` once the app is up.
 */
export async function createAppServices(userDataDir: string, seams: AppSeams): Promise<AppServices> {
  const log = seams.log ?? ((message: string) => console.warn(message));
  // Electron creates userData itself; a test's or a --user-data-dir folder may not exist yet.
  await mkdir(userDataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const databasePath = join(userDataDir, DATABASE_FILE);
  // Before anything here opens the files: an older version left them readable by others.
  tightenUserData(userDataDir, databasePath);
  const settingsStore = await SettingsStore.open(join(userDataDir, SETTINGS_FILE), {
    platform: seams.platform,
  });
  // Before the sweep and any run: an extra destination sharing files with another is dropped.
  await dropOverlappingDestinations(settingsStore, log);
  // Snapshots live in a 0700 folder inside user data, checked at every start, never in the shared
  // temp folder, where another local user could plant look-alikes (issue #13).
  const tempParent = seams.tempParent ?? (await ensurePrivateTempRoot(appTempRoot(userDataDir)));
  // Before anything can start a job, so the sweep never races one of this run's own. Older
  // versions left their snapshots in the system temp folder: only the user's own are swept there.
  const legacyTempFolder = seams.tempParent === undefined ? tmpdir() : undefined;
  await sweepAtStartup(
    {
      userDataDir,
      backupFolder: settingsStore.get().backupFolder,
      // A copy's partial in an extra destination, and a backup written for a cloud-synced folder.
      otherBackupFolders: [
        ...(settingsStore.get().extraDestinations ?? []).map((extra) => extra.folder),
        join(userDataDir, BACKUP_STAGING_FOLDER),
      ],
      stagingFolder: join(userDataDir, BACKUP_STAGING_FOLDER),
      tempParent,
      legacyTempFolder,
    },
    log,
  );
  const history = await BackupStateStore.open(join(userDataDir, BACKUP_STATE_FILE), { log });
  const catalogue = await BackupCatalogue.open(join(userDataDir, BACKUP_CATALOGUE_FILE), {
    log,
    now: () => (seams.schedule?.clock ?? systemClock).now(),
  });
  const holder = new NotesDatabaseHolder(databasePath, seams.nativeBinding, {
    // The scheduler's clock, so end-to-end tests move the history's time as they move its.
    clock: () => (seams.schedule?.clock ?? systemClock).now(),
    maxBytes: () => historyCapBytes(settingsStore.get()),
  });
  holder.claimForApp();
  try {
    holder.open();
  } catch (error) {
    holder.dispose();
    throw error;
  }
  return composeServices({ seams, log, tempParent, settingsStore, history, catalogue, holder, userDataDir });
}

interface Opened {
  seams: AppSeams;
  log: (message: string) => void;
  tempParent: string;
  settingsStore: SettingsStore;
  history: BackupStateStore;
  catalogue: BackupCatalogue;
  holder: NotesDatabaseHolder;
  userDataDir: string;
}

/** The services over the opened files; the settings service first, so `settings:didChange` is announced before the status it changes. */
function composeServices(opened: Opened): AppServices {
  const { seams, log, tempParent, settingsStore, history, catalogue, holder, userDataDir } = opened;
  const scheduleSeams = seams.schedule ?? scheduleSeamsWithoutKeychain();
  const { keyStore } = scheduleSeams;
  const emit = seams.events;
  const engine = { tempParent, nativeBinding: seams.nativeBinding };
  // backup-keys.json lives beside the notes database (src-main/backup/keys/backup-keys-file.ts).
  const keysFolder = dirname(holder.databasePath);
  const jobs = new JobGate(seams.workerPath);
  const destinations = new BackupDestinations({
    settings: settingsStore,
    catalogue,
    copyBackupInto,
    cloudSyncOf: (folder) => detectCloudSyncFolder(folder, cloudSyncProbeForThisComputer()),
    stagingFolder: join(userDataDir, BACKUP_STAGING_FOLDER),
    verifiedFiles: () => history.verifiedFiles(),
    now: () => scheduleSeams.clock.now(),
    log,
    onDidChange: () => {
      destinations.status().then(
        (status) => emit('destinations:didChange', status),
        (error: unknown) => log(`Could not read the destinations' state: ${String(error)}`),
      );
    },
  });
  const runner = new BackupRunner({
    runBackupJob: (request, onProgress, signal) => jobs.backup(request, onProgress, signal),
    settings: settingsStore,
    state: history,
    keyStore,
    databasePath: holder.databasePath,
    appVersion: seams.appVersion,
    ...engine,
    externalBusy: () => jobs.isBusy(),
    now: () => scheduleSeams.clock.now(),
    log,
    destinations,
  });
  const settings = new SettingsService({
    store: settingsStore,
    keyStore,
    dialogs: seams.dialogs,
    emit,
    userDataDir,
  });
  const schedule = new ScheduleService({
    ...scheduleSeams,
    settings: settingsStore,
    history,
    runner,
    jobs,
    emit,
    keysFolder,
  });
  const backups = new BackupsListService({
    settings: settingsStore,
    state: history,
    keyStore,
    keysFolder,
    jobs,
    dialogs: seams.dialogs,
    catalogue,
    ...engine,
  });
  const browse = new BrowseSessions({
    backups,
    jobs,
    ...engine,
    currentNotes: () => holder.repository(),
    currentVersions: () => holder.versions(),
    onNotesChanged: (ids) => emit('notes:didChange', { reason: 'created', ids }),
  });
  const backup = new BackupRestoreJobs({
    holder,
    jobs,
    manualBackups: runner,
    dialogs: seams.dialogs,
    events: emit,
    backupFolder: () => settingsStore.get().backupFolder,
    appVersion: seams.appVersion,
    nativeBinding: seams.nativeBinding,
    tempParent: seams.tempParent,
  });
  const attachments = new AttachmentService({
    repository: () => holder.repository().attachments,
    dialogs: seams.dialogs,
  });
  const transfer = new TransferJobs({
    holder,
    jobs,
    dialogs: seams.transferDialogs ?? noTransferDialogs,
    events: emit,
    nativeBinding: seams.nativeBinding,
    now: () => scheduleSeams.clock.now(),
  });
  const backupFolders = () => {
    const folder = settingsStore.get().backupFolder;
    return folder === null ? [] : [folder];
  };
  // Scheduled runs trust only the backup keys NoteVault itself wrote (unattended-key.ts).
  const followKeys = (before: BackupKeys, after: BackupKeys) =>
    followBackupKeysChange(keyStore, before, after);
  const recoveryCodes = new RecoveryCodeWindow({
    codes: new RecoveryCodeService({ keysFolder, backupFolders, onKeysChanged: followKeys }),
    dialogs: seams.dialogs,
  });
  const passkeys = new PasskeyChangeWindow({
    changes: new ChangePasskeyService({
      keysFolder,
      backupFolders,
      // NoteVault's own copies in its other destinations (and staging) get the new passkey too.
      otherFolders: () => passkeyChangeFolders(settingsStore.get(), join(userDataDir, BACKUP_STAGING_FOLDER)),
      jobs,
      onKeysChanged: followKeys,
      // Each copy it rewrites is then expected with its new bytes (settle re-checks, catch-ups).
      catalogue,
    }),
    backupFolder: () => settingsStore.get().backupFolder,
    dialogs: seams.dialogs,
    events: emit,
  });
  const health = new HealthService({
    settings: settingsStore,
    history,
    now: () => scheduleSeams.clock.now(),
    emit,
    log,
    catalogue: {
      read: () => catalogue.entries(),
      onDidChange: (listener) => catalogue.onDidChange(() => listener()),
    },
    // Copies change the catalogue; a drive unplugged is seen at the tray's minute refresh.
    destinations: { read: () => destinations.status() },
    retention: cappedRetentionSource(settingsStore, (id) => retention.preview(id)),
    // The Health view's buttons call drills:runNow and destinations:catchUp.
    can: { runDrill: true, catchUp: true },
  });
  // Restore drills run in the job worker at low priority: any job the person starts comes first (job-gate.ts).
  const drills = new DrillService({
    settings: settingsStore,
    catalogue,
    runDrill: (request, signal) => jobs.runLowPriority({ kind: 'drill', request }, { signal }),
    deviceKey: async () => (await loadUnattendedKeys(keyStore, keysFolder))?.deviceSecretKey ?? null,
    isBusy: () => jobs.isBusy(),
    clock: scheduleSeams.clock,
    notify: (title, body) => scheduleSeams.notify(title, body),
    onDidFinish: (run) => emit('drills:didFinish', run),
    ...engine,
    log,
  });
  const retention = new RetentionPreviewService({
    settings: settingsStore,
    verificationSources: () => ({ verifiedFiles: history.verifiedFiles(), catalogue: catalogue.entries() }),
    now: () => scheduleSeams.clock.now(),
  });
  // Follows settings:update's backupWhileClosed and schedule; started by the app (index.ts).
  const osSchedule = new BackgroundScheduleService({
    settings: settingsStore,
    registrar: seams.osSchedule?.registrar ?? null,
    program: seams.osSchedule?.program ?? {
      executable: process.execPath,
      args: [RUN_SCHEDULED_BACKUP_SWITCH],
    },
    platform: seams.platform,
    headlessRunFile: headlessRunPath(userDataDir),
    log,
  });
  const stop = async () => {
    schedule.stop();
    await osSchedule.stop();
    drills.stop();
    health.dispose();
    settings.dispose();
    await browse
      .closeAll()
      .catch((error: unknown) => log(`Could not wipe the browsing copy: ${String(error)}`));
    await Promise.all([settingsStore.flush(), history.flush(), catalogue.flush()]);
  };
  return {
    holder,
    settingsStore,
    history,
    catalogue,
    jobs,
    runner,
    settings,
    schedule,
    backups,
    browse,
    backup,
    consent: seams.dialogs,
    noteVersions: () => holder.versions(),
    attachments,
    transfer,
    recoveryCodes,
    passkeys,
    osSchedule,
    retention,
    drills,
    health,
    destinations,
    stop,
    async dispose() {
      // Scheduler stopped and browsing copies wiped before the database closes.
      await stop();
      holder.dispose();
    },
  };
}

/**
 * Electron-only glue for scheduled backups: the tray icon and its menu, waking from sleep,
 * close-to-tray and start-at-login; and the theme setting for Electron's native menus, dialogs
 * and title bar (window/native-theme.ts). Everything it decides with lives in testable services
 * (SettingsService, ScheduleService, BackupRunner, SystemTrayService); this file only connects them to Electron.
 */
import { app, powerMonitor } from 'electron';
import type { BrowserWindow, Event as ElectronEvent } from 'electron';
import type { HealthReport } from '../../src-shared/ipc/contract-health';
import type { AppView } from '../../src-shared/ipc/contract-schedule';
import type { Settings } from '../../src-shared/settings';
import type { IpcEventSink } from '../ipc/event-sink';
import type { SystemTrayService } from '../tray/system-tray-service';
import { createElectronSystemTray } from '../tray/tray-electron';
import { followThemeSetting } from '../window/native-theme';
import type { HealthService } from '../health/health-service';
import type { BackupRunner } from './backup-runner';
import type { ScheduleService } from './schedule-service';
import type { SettingsService } from './settings-service';
import { trayStateOf } from './schedule-status';

/** "5 min ago" in the tray is re-rendered this often. */
const TRAY_REFRESH_MS = 60_000;

export interface DesktopIntegrationOptions {
  settings: SettingsService;
  schedule: ScheduleService;
  /** The tray's tooltip, warnings and icon follow the health report. */
  health: HealthService;
  /** The tray's "Back up now" goes through the one runner, like the window's Backup button. */
  runner: Pick<BackupRunner, 'runManual'>;
  emit: IpcEventSink;
  /** Shows (creating if needed) and focuses the main window. */
  showMainWindow: () => void;
}

export interface DesktopIntegration {
  /** Makes closing this window hide it instead, while "close to tray" is on and the app is not quitting. */
  attachWindow(window: BrowserWindow): void;
  dispose(): void;
}

export function installDesktopIntegration(options: DesktopIntegrationOptions): DesktopIntegration {
  const { settings: settingsService, schedule, health, runner, emit, showMainWindow } = options;
  let quitting = false;
  const showView = (view: AppView) => {
    showMainWindow();
    emit('app:didRequestView', { view });
  };
  const tray = createElectronSystemTray({
    backUpNow: () => {
      runner.runManual().catch(() => showView('backups'));
    },
    setSchedule: (interval) => {
      // Turning the schedule on needs the passkey, which only the settings view asks for.
      if (interval !== 'off' && settingsService.get().schedule === 'off') showView('settings');
      else settingsService.update({ schedule: interval }).catch(() => showView('settings'));
    },
    showBackups: () => showView('backups'),
    showHealth: () => showView('health'),
    openApp: () => showMainWindow(),
    quit: () => {
      quitting = true;
      app.quit();
    },
  });

  const applySettings = (settings: Readonly<Settings>) => {
    if (settings.closeToTray || settings.schedule !== 'off') tray.show();
    else tray.hide();
  };
  const applyLoginItem = (settings: Readonly<Settings>) => {
    // In development the login item would start the bare Electron binary: only the packaged app registers.
    if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
  };

  const offTrayState = followTrayState(tray, schedule, health);
  applySettings(settingsService.get());
  applyLoginItem(settingsService.get());
  const offTheme = followThemeSetting(settingsService);
  const offSettings = settingsService.onDidChange(({ settings, previous }) => {
    applySettings(settings);
    if (settings.startAtLogin !== previous.startAtLogin) applyLoginItem(settings);
  });
  // "5 min ago" moves on, and "overdue" begins, without any event.
  const refresh = setInterval(() => {
    tray.refresh();
    void health.refresh();
  }, TRAY_REFRESH_MS);
  const onResume = () => schedule.scheduler.handleResume();
  powerMonitor.on('resume', onResume);
  const onBeforeQuit = () => (quitting = true);
  app.on('before-quit', onBeforeQuit);

  // Removed on dispose: a disposed integration must not keep a window from closing.
  const detachWindows: (() => void)[] = [];

  return {
    attachWindow(window) {
      const onClose = (event: ElectronEvent) => {
        if (quitting || !settingsService.get().closeToTray) return;
        event.preventDefault();
        window.hide();
      };
      window.on('close', onClose);
      // Windows does not emit before-quit when the user logs off or shuts down; hiding the
      // window then would block the session from ending.
      window.on('session-end', onBeforeQuit);
      detachWindows.push(() => {
        if (window.isDestroyed()) return;
        window.removeListener('close', onClose);
        window.removeListener('session-end', onBeforeQuit);
      });
    },
    dispose() {
      for (const detach of detachWindows.splice(0)) detach();
      offTrayState();
      offSettings();
      offTheme();
      clearInterval(refresh);
      powerMonitor.removeListener('resume', onResume);
      app.removeListener('before-quit', onBeforeQuit);
      tray.hide();
    },
  };
}

/** The tray shows the schedule's status and the health report together; either may change alone. */
function followTrayState(
  tray: Pick<SystemTrayService, 'update'>,
  schedule: ScheduleService,
  health: HealthService,
): () => void {
  let status = schedule.status();
  let report: HealthReport = { at: 0, worst: 'ok', summary: 'Checking backups…', items: [] };
  const update = () => tray.update(trayStateOf(status, report));
  update();
  const offStatus = schedule.onDidChangeStatus((next) => {
    status = next;
    update();
  });
  const offHealth = health.onDidChange((next) => {
    report = next;
    update();
  });
  // The report as it is now: an announcement made before the tray listened is not repeated.
  void health.report().then((next) => {
    report = next;
    update();
  });
  return () => {
    offStatus();
    offHealth();
  };
}

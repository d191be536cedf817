/** The app's tray: Electron's Tray and Menu behind SystemTrayService. Call after app 'ready'. */
import { join } from 'node:path';
import { app, Menu, Tray } from 'electron';
import { shippedResourcesDir } from '../app-resources';
import { SystemTrayService } from './system-tray-service';
import type { TrayActions } from './tray-state';

/** resources/tray beside the packaged app (electron-builder.yml extraResources), assets/tray otherwise. */
export function trayIconDir(): string {
  const resources = shippedResourcesDir(app.getAppPath(), process.resourcesPath, app.isPackaged);
  return resources !== undefined ? join(resources, 'tray') : join(app.getAppPath(), 'assets', 'tray');
}

export function createElectronSystemTray(actions: TrayActions): SystemTrayService<Menu> {
  return new SystemTrayService<Menu>({
    platform: process.platform,
    iconDir: trayIconDir(),
    createTrayInstance: (iconPath) => new Tray(iconPath),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    actions,
  });
}

import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingActions, trayState } from '../../test/main/tray/tray-test-support';

// Electron cannot run here; the mock records what the adapter hands to Tray and Menu.
const electron = vi.hoisted(() => ({
  app: { isPackaged: false, getAppPath: () => '/src/notevault' },
  trays: [] as { icon: string; tooltip?: string; menu?: unknown }[],
}));
vi.mock('electron', () => ({
  app: electron.app,
  Menu: { buildFromTemplate: (template: unknown[]) => ({ items: template }) },
  Tray: class {
    private readonly record: { icon: string; tooltip?: string; menu?: unknown };
    constructor(icon: string) {
      this.record = { icon };
      electron.trays.push(this.record);
    }
    setToolTip(text: string) {
      this.record.tooltip = text;
    }
    setContextMenu(menu: unknown) {
      this.record.menu = menu;
    }
    setImage(icon: string) {
      this.record.icon = icon;
    }
    on() {
      return this;
    }
    destroy() {}
    isDestroyed() {
      return false;
    }
  },
}));

beforeEach(() => {
  electron.trays.length = 0;
});

describe('createElectronSystemTray', () => {
  it('reads icons from assets/tray in development and from resources/tray when packaged', async () => {
    const { trayIconDir } = await import('./tray-electron');
    expect(trayIconDir()).toBe(join('/src/notevault', 'assets', 'tray'));
    electron.app.isPackaged = true;
    const resourcesPath = process.resourcesPath; // undefined under Node; Electron sets it
    Object.assign(process, { resourcesPath: '/opt/NoteVault/resources' });
    try {
      expect(trayIconDir()).toBe(join('/opt/NoteVault/resources', 'tray'));
    } finally {
      Object.assign(process, { resourcesPath });
    }
    electron.app.isPackaged = false;
  });

  it('builds the menu with Menu.buildFromTemplate and shows it on a real Tray', async () => {
    const { createElectronSystemTray } = await import('./tray-electron');
    const tray = createElectronSystemTray(recordingActions().actions);
    tray.update(trayState());
    tray.show();
    expect(electron.trays).toHaveLength(1);
    expect(electron.trays[0]?.icon.startsWith(join('/src/notevault', 'assets', 'tray'))).toBe(true);
    expect(electron.trays[0]?.tooltip).toMatch(/^NoteVault — Last verified restore/);
    expect((electron.trays[0]?.menu as { items: unknown[] }).items.length).toBeGreaterThan(4);
  });
});

import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { SystemTrayService } from './system-tray-service';
import type { TrayLike } from './system-tray-service';
import { trayIconPath } from './tray-icons';
import { NOW, health, recordingActions, run, trayState } from '../../test/main/tray/tray-test-support';

type FakeMenu = { template: MenuItemConstructorOptions[] };

/** Records what the service does to the OS tray; Electron's Tray cannot exist in tests. */
class RecordingTray implements TrayLike<FakeMenu> {
  tooltip = '';
  menu: FakeMenu | null = null;
  image: string;
  destroyed = false;
  clickListeners: (() => void)[] = [];
  constructor(icon: string) {
    this.image = icon;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu | null) {
    this.menu = menu;
  }
  setImage(icon: string) {
    this.image = icon;
  }
  on(_event: 'click', listener: () => void) {
    this.clickListeners.push(listener);
    return this;
  }
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function service(platform = 'win32') {
  const trays: RecordingTray[] = [];
  const { actions, calls } = recordingActions();
  const tray = new SystemTrayService<FakeMenu>({
    platform,
    iconDir: '/res/tray',
    createTrayInstance: (icon) => {
      const t = new RecordingTray(icon);
      trays.push(t);
      return t;
    },
    buildMenu: (template) => ({ template }),
    actions,
    now: () => NOW,
  });
  return { tray, trays, calls };
}

describe('SystemTrayService', () => {
  it('creates the tray on show() with the platform icon, tooltip and menu', () => {
    const { tray, trays } = service('win32');
    tray.update(trayState());
    expect(trays).toEqual([]);
    tray.show();
    tray.show();
    expect(trays).toHaveLength(1);
    expect(trays[0]?.image).toBe(join('/res/tray', 'tray.ico'));
    expect(trays[0]?.tooltip).toBe('NoteVault — Last verified restore: 120 notes, 2 days ago.');
    expect(trays[0]?.menu?.template.map((e) => e.id ?? e.type)).toContain('back-up-now');
  });

  it('keeps the tray in step with updates and switches to the error icon on failure', () => {
    const { tray, trays } = service('linux');
    tray.show();
    tray.update(trayState({ lastRun: run({ ok: false, message: 'Drive missing.' }) }));
    expect(trays[0]?.image).toBe(join('/res/tray', 'tray-error.png'));
    tray.update(trayState());
    expect(trays[0]?.image).toBe(join('/res/tray', 'tray.png'));
    // A health warning alone turns the icon too, and the tooltip says it.
    const drive = {
      id: 'destination-missing:d0a1b2c3d',
      severity: 'warning' as const,
      title: 'Extra destination',
      message: 'E:\\ cannot be reached.',
    };
    tray.update(trayState({ health: health([drive], drive.message) }));
    expect(trays[0]?.image).toBe(join('/res/tray', 'tray-error.png'));
    expect(trays[0]?.tooltip).toBe('NoteVault — E:\\ cannot be reached.');
  });

  it('opens the app on click except on macOS, where a click opens the menu', () => {
    const win = service('win32');
    win.tray.show();
    win.trays[0]?.clickListeners.forEach((listener) => listener());
    expect(win.calls).toEqual(['openApp']);
    const mac = service('darwin');
    mac.tray.show();
    expect(mac.trays[0]?.clickListeners).toEqual([]);
    expect(mac.trays[0]?.image).toBe(join('/res/tray', 'trayTemplate.png'));
  });

  it('hide() destroys the tray; updates while hidden create nothing; show() makes a new one', () => {
    const { tray, trays } = service();
    tray.show();
    tray.hide();
    expect(trays[0]?.destroyed).toBe(true);
    expect(tray.isShown()).toBe(false);
    tray.update(trayState({ busy: true }));
    expect(trays).toHaveLength(1);
    tray.show();
    expect(trays).toHaveLength(2);
    expect(trays[1]?.tooltip).toBe('NoteVault — backing up…');
  });
});

describe('trayIconPath', () => {
  it('names the icon files per platform and variant', () => {
    expect(trayIconPath('win32', 'i')).toBe(join('i', 'tray.ico'));
    expect(trayIconPath('win32', 'i', 'error')).toBe(join('i', 'tray-error.ico'));
    expect(trayIconPath('darwin', 'i')).toBe(join('i', 'trayTemplate.png'));
    expect(trayIconPath('darwin', 'i', 'error')).toBe(join('i', 'trayErrorTemplate.png'));
    expect(trayIconPath('linux', 'i')).toBe(join('i', 'tray.png'));
    expect(trayIconPath('freebsd', 'i', 'error')).toBe(join('i', 'tray-error.png'));
  });

  it('names files that exist in assets/tray', async () => {
    const { access } = await import('node:fs/promises');
    const dir = join(__dirname, '../../assets/tray');
    for (const platform of ['win32', 'darwin', 'linux']) {
      for (const variant of ['normal', 'error'] as const) await access(trayIconPath(platform, dir, variant));
    }
  });
});

/**
 * Test support for desktop-integration.test.ts: recording fakes of the parts of `electron` the
 * desktop glue touches (app, powerMonitor, Tray, Menu) and of a window's close. Electron cannot
 * run under Node; everything else in that test is real. Only *.test.ts files import this.
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

export interface FakeTray {
  icon: string;
  /** Every tooltip set, oldest first. */
  tooltips: string[];
  menu: MenuItemConstructorOptions[];
  destroyed: boolean;
}

/** What the fakes recorded, reset by `resetElectronFakes`. */
export const recorded = {
  trays: [] as FakeTray[],
  loginItems: [] as unknown[],
  /** Every theme given to nativeTheme.themeSource, oldest first. */
  themes: [] as string[],
  quits: 0,
};

let themeSource = 'system';
/** Electron's nativeTheme as far as NoteVault uses it: its themeSource, starting at 'system'. */
export const fakeNativeTheme = {
  get themeSource(): string {
    return themeSource;
  },
  set themeSource(theme: string) {
    recorded.themes.push(theme);
    themeSource = theme;
  },
};

export const fakeApp = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getAppPath: () => '/opt/notevault',
  quit: () => void (recorded.quits += 1),
  setLoginItemSettings: (settings: unknown) => void recorded.loginItems.push(settings),
});

export const fakePowerMonitor = new EventEmitter();

class Tray {
  private readonly record: FakeTray;
  constructor(icon: string) {
    this.record = { icon, tooltips: [], menu: [], destroyed: false };
    recorded.trays.push(this.record);
  }
  setToolTip(text: string) {
    this.record.tooltips.push(text);
  }
  setContextMenu(menu: { template: MenuItemConstructorOptions[] }) {
    this.record.menu = menu.template;
  }
  setImage(icon: string) {
    this.record.icon = icon;
  }
  on() {
    return this;
  }
  destroy() {
    this.record.destroyed = true;
  }
  isDestroyed() {
    return this.record.destroyed;
  }
}

/** The module `vi.mock('electron', ...)` hands out. */
export const fakeElectron = {
  app: fakeApp,
  powerMonitor: fakePowerMonitor,
  Tray,
  Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
  nativeTheme: fakeNativeTheme,
};

export function resetElectronFakes(): void {
  recorded.trays.length = 0;
  recorded.loginItems.length = 0;
  recorded.themes.length = 0;
  themeSource = 'system';
  recorded.quits = 0;
  fakeApp.isPackaged = false;
}

/** A window's close as Electron does it: 'close' first, then closed unless a listener prevented it. */
export class FakeWindow extends EventEmitter {
  hides = 0;
  closed = false;
  hide() {
    this.hides += 1;
  }
  isDestroyed() {
    return this.closed;
  }
  close(): { prevented: boolean } {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
    return { prevented };
  }
}

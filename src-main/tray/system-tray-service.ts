/**
 * Owns the tray icon: creates it on `show()`, keeps its tooltip, menu and icon in step with the
 * state it is given, and removes it on `hide()`. Electron's Tray and Menu come in through
 * `createTrayInstance` and `buildMenu` (Signal Desktop's pattern), so this class runs in tests;
 * tray-electron.ts supplies the real ones.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { trayIconPath } from './tray-icons';
import { buildTrayMenuTemplate } from './tray-menu';
import type { TrayActions, TrayState } from './tray-state';
import { trayTooltip } from './tray-tooltip';

/** The parts of Electron's Tray this service uses. */
export interface TrayLike<Menu = unknown> {
  setToolTip(text: string): void;
  setContextMenu(menu: Menu | null): void;
  setImage(iconPath: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface SystemTrayServiceOptions<Menu> {
  platform: string;
  /** Folder holding the tray icons (see tray-icons.ts). */
  iconDir: string;
  createTrayInstance: (iconPath: string) => TrayLike<Menu>;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  actions: TrayActions;
  now?: () => number;
}

export class SystemTrayService<Menu = unknown> {
  private tray: TrayLike<Menu> | undefined;
  private icon: string | undefined;
  private state: TrayState = {
    schedule: 'off',
    lastRun: null,
    busy: false,
    nextRunAt: null,
    health: { at: 0, worst: 'ok', summary: 'No backup yet.', items: [] },
  };

  constructor(private readonly options: SystemTrayServiceOptions<Menu>) {}

  isShown(): boolean {
    return this.tray !== undefined && !this.tray.isDestroyed();
  }

  show(): void {
    if (this.isShown()) return;
    this.icon = this.iconFor(this.state);
    const tray = this.options.createTrayInstance(this.icon);
    // macOS opens the menu on click; elsewhere a click on the icon brings the window back.
    if (this.options.platform !== 'darwin') tray.on('click', () => this.options.actions.openApp());
    this.tray = tray;
    this.render();
  }

  hide(): void {
    if (this.tray && !this.tray.isDestroyed()) this.tray.destroy();
    this.tray = undefined;
  }

  update(state: TrayState): void {
    this.state = state;
    this.render();
  }

  /** Re-renders with the current time, so "5 min ago" does not go stale; the app calls it every minute. */
  refresh(): void {
    this.render();
  }

  private iconFor(state: TrayState): string {
    const failing = state.health.worst !== 'ok' || state.lastRun?.ok === false;
    return trayIconPath(this.options.platform, this.options.iconDir, failing ? 'error' : 'normal');
  }

  private render(): void {
    const tray = this.tray;
    if (!tray || tray.isDestroyed()) return;
    const now = (this.options.now ?? Date.now)();
    const icon = this.iconFor(this.state);
    if (icon !== this.icon) {
      tray.setImage(icon);
      this.icon = icon;
    }
    tray.setToolTip(trayTooltip(this.state));
    tray.setContextMenu(this.options.buildMenu(buildTrayMenuTemplate(this.state, this.options.actions, now)));
  }
}

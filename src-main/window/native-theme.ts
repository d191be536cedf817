/**
 * The theme setting for what Chromium and the OS draw, not the page: context menus, dialogs,
 * the title bar and window frame. The renderer pins its own colours with data-theme; without
 * this, a person who chose Dark on a light desktop would get a dark page in a light frame
 * with light menus. `themeSource = 'system'` removes the override (electron.d.ts, NativeTheme).
 */
import { nativeTheme } from 'electron';
import type { Settings, ThemeChoice } from '../../src-shared/settings';
import type { SettingsChange } from '../settings/settings-store';

/** What follows the setting: Electron's nativeTheme in the app. */
export interface ThemeTarget {
  themeSource: ThemeChoice;
}

/** The part of SettingsStore read here. */
export interface ThemeSettings {
  get(): Readonly<Pick<Settings, 'theme'>>;
  onDidChange(listener: (change: Pick<SettingsChange, 'settings'>) => void): () => void;
}

/**
 * Applies the theme setting now, and again whenever it changes; returns the unsubscribe.
 * Call before the first window is created, so it never opens in the other theme.
 */
export function followThemeSetting(settings: ThemeSettings, target: ThemeTarget = nativeTheme): () => void {
  const apply = (theme: ThemeChoice) => {
    // Each assignment fires nativeTheme's 'updated' event: only on a real change.
    if (target.themeSource !== theme) target.themeSource = theme;
  };
  apply(settings.get().theme);
  return settings.onDidChange(({ settings: next }) => apply(next.theme));
}

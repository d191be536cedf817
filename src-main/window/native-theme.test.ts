import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempFolders } from '../../test/main/fsx/test-faults';
import { SETTINGS_FILE } from '../settings/settings-file';
import { SettingsStore } from '../settings/settings-store';
import { followThemeSetting } from './native-theme';

// Electron's nativeTheme, as far as this module uses it: its themeSource, every assignment kept.
const nativeTheme = vi.hoisted(() => {
  let source = 'system';
  return {
    assigned: [] as string[],
    get themeSource() {
      return source;
    },
    set themeSource(value: string) {
      this.assigned.push(value);
      source = value;
    },
  };
});
vi.mock('electron', () => ({ nativeTheme }));

const folders = tempFolders();
afterEach(async () => {
  await folders.cleanup();
  nativeTheme.themeSource = 'system';
  nativeTheme.assigned.length = 0;
});

async function settingsFile(): Promise<string> {
  return join(await folders.make(), SETTINGS_FILE);
}

describe('followThemeSetting', () => {
  it('gives Electron the saved theme at start, before any change', async () => {
    const file = await settingsFile();
    await (await SettingsStore.open(file, { platform: 'linux' })).update({ theme: 'dark' });
    const reopened = await SettingsStore.open(file, { platform: 'linux' });
    followThemeSetting(reopened);
    expect(nativeTheme.assigned).toEqual(['dark']);
  });

  it('follows every change of the theme, back to the system one, and only those, until stopped', async () => {
    const settings = await SettingsStore.open(await settingsFile(), { platform: 'linux' });
    const stop = followThemeSetting(settings);
    expect(nativeTheme.assigned).toEqual([]); // 'system' is already Electron's default
    await settings.update({ theme: 'light' });
    await settings.update({ notifyOnSuccess: true });
    await settings.update({ theme: 'dark' });
    await settings.update({ theme: 'system' });
    expect(nativeTheme.assigned).toEqual(['light', 'dark', 'system']);
    stop();
    await settings.update({ theme: 'dark' });
    expect(nativeTheme.themeSource).toBe('system');
  });
});

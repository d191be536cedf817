import type { SettingsService } from '../app/settings-service';
import type { IpcHandlers } from './router';

type SettingsHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `settings:${string}`>>;

/** The `settings:*` channels; the patch was validated by the router against contract-schedule.ts. */
export function createSettingsHandlers(settings: SettingsService): SettingsHandlers {
  return {
    'settings:get': () => ({ settings: settings.get(), loadWarning: settings.loadWarning }),
    'settings:update': (patch) => settings.update(patch),
    'settings:chooseBackupFolder': () => settings.chooseBackupFolder(),
    'settings:addDestination': () => settings.addDestination(),
    'settings:removeDestination': ({ id }) => settings.removeDestination(id),
  };
}

import type { RetentionChangeConsent } from '../app/retention-change-consent';
import type { SettingsService } from '../app/settings-service';
import type { IpcHandlers } from './router';

type SettingsHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `settings:${string}`>>;

/**
 * The `settings:*` channels; the patch was validated by the router against contract-schedule.ts.
 * A retention change that would delete backups kept now waits for main's own dialog first.
 */
export function createSettingsHandlers(
  settings: SettingsService,
  retentionChange: Pick<RetentionChangeConsent, 'confirm'>,
): SettingsHandlers {
  return {
    'settings:get': () => ({ settings: settings.get(), loadWarning: settings.loadWarning }),
    'settings:update': async (patch) => {
      await retentionChange.confirm(patch);
      return settings.update(patch);
    },
    'settings:chooseBackupFolder': () => settings.chooseBackupFolder(),
    'settings:addDestination': () => settings.addDestination(),
    'settings:removeDestination': ({ id }) => settings.removeDestination(id),
  };
}

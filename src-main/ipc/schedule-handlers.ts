import type { ScheduleServices } from '../app/schedule-services';
import type { IpcHandlers } from './router';

type ScheduleDomains = `${'settings' | 'schedule' | 'backups' | 'browse'}:${string}`;
type ScheduleHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, ScheduleDomains>>;

/**
 * The settings, schedule, backups-view and browse channels. Arguments were validated by the
 * router against contract-schedule.ts; backups are named by file name and resolved inside
 * the configured folder by the services, so no path from the renderer is ever used.
 */
export function createScheduleHandlers(services: () => ScheduleServices): ScheduleHandlers {
  return {
    'settings:get': () => {
      const { settings } = services();
      return { settings: settings.get(), loadWarning: settings.loadWarning };
    },
    'settings:update': (patch) => services().updateSettings(patch),
    'settings:chooseBackupFolder': () => services().chooseBackupFolder(),
    'schedule:keychainStatus': () => services().keychainStatus(),
    'schedule:enable': ({ interval, passkey }) => services().enable(interval, passkey),
    'schedule:disable': () => services().disable(),
    'schedule:status': () => services().status(),
    'backups:list': () => services().backups.list(),
    'backups:verify': ({ name, passkey }) => services().backups.verify(name, passkey),
    'backups:delete': ({ name }) => services().backups.delete(name),
    'backups:showInFolder': ({ name }) => services().backups.showInFolder(name),
    'browse:open': ({ name, passkey }) => services().browse.open(name, passkey),
    'browse:list': ({ sessionId, ...options }) => services().browse.notes(sessionId).list(options),
    'browse:search': ({ sessionId, query }) =>
      services().browse.notes(sessionId).search(query, { includeTrashed: true }),
    'browse:get': ({ sessionId, id }) => services().browse.notes(sessionId).get(id),
    'browse:bringBack': ({ sessionId, ids, mode }) => services().browse.bringBack(sessionId, ids, mode),
    'browse:close': ({ sessionId }) => services().browse.close(sessionId),
  };
}

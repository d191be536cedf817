import type { BrowseSessions } from '../app/browse-sessions';
import type { IpcHandlers } from './router';

type BrowseHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `browse:${string}`>>;

/** The `browse:*` channels: reading a backup's notes in a session, and bringing some back. */
export function createBrowseHandlers(browse: BrowseSessions): BrowseHandlers {
  return {
    'browse:open': ({ name, passkey, recoveryCode }) => browse.open(name, passkey, recoveryCode),
    'browse:list': ({ sessionId, ...options }) => browse.notes(sessionId).list(options),
    'browse:search': ({ sessionId, query }) =>
      browse.notes(sessionId).search(query, { includeTrashed: true }),
    'browse:get': ({ sessionId, id }) => browse.notes(sessionId).get(id),
    'browse:bringBack': ({ sessionId, ids, mode }) => browse.bringBack(sessionId, ids, mode),
    'browse:close': ({ sessionId }) => browse.close(sessionId),
  };
}

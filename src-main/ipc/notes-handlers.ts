import type { NotesChangeReason } from '../../src-shared/ipc/contract';
import type { NotesRepository } from '../db/notes-repository';
import type { IpcEventSink } from './event-sink';
import type { IpcHandlers } from './router';

type NotesHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `notes:${string}`>>;

/**
 * The `notes:*` channels over the repository. Every change is announced with
 * `notes:didChange`, so any view (and later a restore from backup) refreshes the same way.
 * The repository is fetched per call: a restore closes and reopens the database, and a
 * request made meanwhile must get a clear error rather than a closed connection.
 */
export function createNotesHandlers(repository: () => NotesRepository, emit: IpcEventSink): NotesHandlers {
  const changed = (reason: NotesChangeReason, ids: string[]) => emit('notes:didChange', { reason, ids });

  return {
    'notes:list': (options) => repository().list(options),
    'notes:get': ({ id }) => repository().get(id),
    'notes:create': (note) => {
      const created = repository().create(note);
      changed('created', [created.id]);
      return created;
    },
    'notes:update': ({ id, patch }) => {
      const updated = repository().update(id, patch);
      changed('updated', [id]);
      return updated;
    },
    'notes:search': ({ query, ...options }) => repository().search(query, options),
    'notes:trash': ({ id }) => {
      const trashed = repository().trash(id);
      changed('trashed', [id]);
      return trashed;
    },
    'notes:restore': ({ id }) => {
      const restored = repository().restore(id);
      changed('restored', [id]);
      return restored;
    },
    'notes:purge': ({ id }) => {
      repository().purge(id);
      changed('purged', [id]);
    },
    'notes:emptyTrash': () => {
      const removed = repository().emptyTrash();
      changed('trashEmptied', []);
      return removed;
    },
    'notes:count': (options) => repository().count(options),
  };
}

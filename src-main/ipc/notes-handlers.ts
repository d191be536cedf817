import type { NotesChangeReason } from '../../src-shared/ipc/contract';
import type { NotesRepository } from '../db/notes-repository';
import type { IpcEventSink } from './event-sink';
import type { IpcHandlers } from './router';

type NotesHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `notes:${string}`>>;

/**
 * The `notes:*` channels over the repository. Every change is announced with
 * `notes:didChange`, so any view (and later a restore from backup) refreshes the same way.
 */
export function createNotesHandlers(notes: NotesRepository, emit: IpcEventSink): NotesHandlers {
  const changed = (reason: NotesChangeReason, ids: string[]) => emit('notes:didChange', { reason, ids });

  return {
    'notes:list': (options) => notes.list(options),
    'notes:get': ({ id }) => notes.get(id),
    'notes:create': (note) => {
      const created = notes.create(note);
      changed('created', [created.id]);
      return created;
    },
    'notes:update': ({ id, patch }) => {
      const updated = notes.update(id, patch);
      changed('updated', [id]);
      return updated;
    },
    'notes:search': ({ query, ...options }) => notes.search(query, options),
    'notes:trash': ({ id }) => {
      const trashed = notes.trash(id);
      changed('trashed', [id]);
      return trashed;
    },
    'notes:restore': ({ id }) => {
      const restored = notes.restore(id);
      changed('restored', [id]);
      return restored;
    },
    'notes:purge': ({ id }) => {
      notes.purge(id);
      changed('purged', [id]);
    },
    'notes:emptyTrash': () => {
      const removed = notes.emptyTrash();
      changed('trashEmptied', []);
      return removed;
    },
    'notes:count': (options) => notes.count(options),
  };
}

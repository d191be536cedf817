import { displayTitle, formatCount } from '../../src-shared/format';
import type { NotesChangeReason } from '../../src-shared/ipc/contract';
import type { Dialogs } from '../app/dialogs';
import type { NotesRepository } from '../db/notes-repository';
import type { NoteVersionsRepository } from '../db/note-versions-repository';
import type { IpcEventSink } from './event-sink';
import type { IpcHandlers } from './router';

type NotesHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `notes:${string}`>>;

/**
 * The `notes:*` channels over the repository. Every change is announced with
 * `notes:didChange`, so any view (and later a restore from backup) refreshes the same way.
 * The repository is fetched per call: a restore closes and reopens the database, and a
 * request made meanwhile must get a clear error rather than a closed connection.
 * Deleting forever asks first in main's own dialog (`confirm`), so no message from the
 * renderer alone destroys a note; a "no" deletes nothing.
 */
export function createNotesHandlers(
  repository: () => NotesRepository,
  emit: IpcEventSink,
  confirm: Dialogs['confirm'],
  /** Saves go through the history, which keeps the text a save replaces (throttled). */
  versions?: () => Pick<NoteVersionsRepository, 'update'>,
): NotesHandlers {
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
      const updated = (versions ? versions() : repository()).update(id, patch);
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
    'notes:purge': async ({ id }) => {
      const note = repository().get(id);
      // A live note is refused by purge itself, without a question.
      if (note.trashedAt !== null) {
        const confirmed = await confirm({
          message: 'Delete this note forever?',
          detail: `“${displayTitle(note.title)}” will be deleted forever. This cannot be undone.`,
          confirmLabel: 'Delete forever',
        });
        if (!confirmed) return;
      }
      repository().purge(id);
      changed('purged', [id]);
    },
    'notes:emptyTrash': async () => {
      const count = repository().count({ trashed: true });
      if (count === 0) return 0;
      const confirmed = await confirm({
        message: 'Empty the trash?',
        detail: `${count === 1 ? 'The note' : `All ${formatCount(count, 'note')}`} in the trash will be deleted forever. This cannot be undone.`,
        confirmLabel: 'Empty trash',
      });
      if (!confirmed) return 0;
      const removed = repository().emptyTrash();
      changed('trashEmptied', []);
      return removed;
    },
    'notes:discardEmpty': ({ id }) => {
      // No question: main deletes only a note it finds blank, so nothing written can be lost.
      const discarded = repository().discardEmpty(id);
      if (discarded) changed('purged', [id]);
      return discarded;
    },
    'notes:count': (options) => repository().count(options),
  };
}

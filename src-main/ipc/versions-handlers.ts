import type { NoteVersionsRepository } from '../db/note-versions-repository';
import type { IpcEventSink } from './event-sink';
import type { IpcHandlers } from './router';

type VersionsHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `versions:${string}`>>;

/**
 * The `versions:*` channels over the notes' history. Fetched per call, as the notes handlers
 * do: a restore from backup swaps the database underneath. Restoring a version changes the
 * note, so it is announced like any other edit.
 */
export function createVersionsHandlers(
  versions: () => NoteVersionsRepository,
  emit: IpcEventSink,
): VersionsHandlers {
  return {
    'versions:list': ({ id, ...page }) => versions().list(id, page),
    'versions:get': ({ id, seq }) => versions().get(id, seq),
    'versions:restore': ({ id, seq }) => {
      const result = versions().restore(id, seq);
      emit('notes:didChange', { reason: 'updated', ids: [id] });
      return result;
    },
  };
}

import type { NotesChange } from '../../src-shared/ipc/contract';
import type { TagsRepository } from '../db/tags-repository';
import type { IpcEventSink } from './event-sink';
import type { IpcHandlers } from './router';

type TagsHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `tags:${string}`>>;

/**
 * The `tags:*` channels over the tags repository, fetched per call as the notes handlers do
 * (a restore swaps the database). A change is announced as `notes:didChange` ('tagged'): with
 * the note's id for a note's tags, with no ids for a rename or delete that may touch thousands.
 * Deleting a tag removes no note and no text, so main asks no question; the window confirms.
 */
export function createTagsHandlers(tags: () => TagsRepository, emit: IpcEventSink): TagsHandlers {
  const changed = (ids: string[]) => emit('notes:didChange', { reason: 'tagged', ids } satisfies NotesChange);
  return {
    'tags:list': () => tags().list(),
    'tags:ofNote': ({ id }) => tags().tagsOf(id),
    'tags:add': ({ id, tags: names }) => {
      const result = tags().add(id, names);
      changed([id]);
      return result;
    },
    'tags:remove': ({ id, tags: names }) => {
      const result = tags().remove(id, names);
      changed([id]);
      return result;
    },
    'tags:rename': ({ from, to }) => {
      const result = tags().rename(from, to);
      changed([]);
      return result;
    },
    'tags:delete': ({ name }) => {
      const removed = tags().delete(name);
      changed([]);
      return removed;
    },
  };
}

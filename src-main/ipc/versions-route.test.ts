/**
 * A note's history through the real router: saves over notes:update keep versions, and the
 * versions:* channels list, read and restore them over a real database. Time is injected: the
 * history's clock and the router's (rate limits).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcEvent } from '../../src-shared/ipc/contract';
import { IPC_RATE_LIMITS } from '../../src-shared/ipc/rate-limits';
import type { NoteVersionSummary } from '../../src-shared/note-versions';
import type { Page } from '../../src-shared/notes';
import { EDIT_VERSION_INTERVAL_MS, NoteVersionsRepository } from '../db/note-versions-repository';
import { notesOnlyHandlers } from '../../test/main/ipc/notes-only-handlers';
import { createTempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import type { TempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import { createNotesHandlers } from './notes-handlers';
import { createIpcRouter } from './router';
import type { IpcRouter } from './router';
import type { SenderInfo } from './sender-info';
import { createVersionsHandlers } from './versions-handlers';

const OUR_WINDOW: SenderInfo = { webContentsId: 1, frameUrl: 'file:///app/index.html', isMainFrame: true };

let temp: TempNotesDatabase;
let router: IpcRouter;
let now: number;
let events: { event: IpcEvent; payload: unknown }[];

beforeEach(() => {
  temp = createTempNotesDatabase();
  now = 1_700_000_000_000;
  events = [];
  const versions = new NoteVersionsRepository(temp.db, temp.notes, { clock: () => now });
  const emit = (event: IpcEvent, payload: unknown) => void events.push({ event, payload });
  router = createIpcRouter({
    handlers: notesOnlyHandlers({
      ...createNotesHandlers(
        () => temp.notes,
        emit,
        () => Promise.resolve(true),
        () => versions,
      ),
      ...createVersionsHandlers(() => versions, emit),
    }),
    isTrustedSender: () => true,
    log: () => undefined,
    now: () => now,
  });
});
afterEach(() => temp.dispose());

async function call<T>(channel: Parameters<IpcRouter['dispatch']>[0], payload: unknown): Promise<T> {
  const result = await router.dispatch(channel, payload, OUR_WINDOW);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

const list = (id: string) => call<Page<NoteVersionSummary>>('versions:list', { id });

describe('a note history over IPC', () => {
  it('keeps a version on a save after a pause, shows it, restores it, and undoes the restore', async () => {
    const { id } = temp.notes.create({ title: 'Essay', body: 'draft one' });
    await call('notes:update', { id, patch: { body: 'draft two' } });
    now += 10_000;
    await call('notes:update', { id, patch: { body: 'draft three' } });
    const [kept] = (await list(id)).items;
    expect(kept).toMatchObject({ reason: 'edit', title: 'Essay', size: 14 });
    expect(await call('versions:get', { id, seq: kept!.seq })).toMatchObject({ body: 'draft one' });

    events.length = 0;
    now += EDIT_VERSION_INTERVAL_MS;
    const restored = await call<{ kept: NoteVersionSummary }>('versions:restore', { id, seq: kept!.seq });
    expect(temp.notes.get(id).body).toBe('draft one');
    expect(events).toEqual([{ event: 'notes:didChange', payload: { reason: 'updated', ids: [id] } }]);
    const afterRestore = (await list(id)).items;
    expect(afterRestore[0]).toEqual(restored.kept);
    expect(afterRestore[0]?.reason).toBe('before-version-restore');

    // The undo: restoring the version kept before the restore.
    await call('versions:restore', { id, seq: restored.kept.seq });
    expect(temp.notes.get(id).body).toBe('draft three');
  });

  it('answers NOT_FOUND for a note that does not exist', async () => {
    const result = await router.dispatch('versions:list', { id: 'gone' }, OUR_WINDOW);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('limits how fast versions:restore may be called, and a refused call keeps and changes nothing', async () => {
    const { id } = temp.notes.create({ title: 'T', body: 'one' });
    await call('notes:update', { id, patch: { body: 'two' } });
    const [version] = (await list(id)).items;
    const { burst } = IPC_RATE_LIMITS['versions:restore'] ?? { burst: Infinity };
    for (let i = 0; i < burst; i++) await call('versions:restore', { id, seq: version!.seq });
    const before = (await list(id)).total;
    const refused = await router.dispatch('versions:restore', { id, seq: version!.seq }, OUR_WINDOW);
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((await list(id)).total).toBe(before);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { createNotevaultApi } from '../../src-shared/ipc/client';
import type { NotevaultApi, NotevaultTransport } from '../../src-shared/ipc/client';
import type { IpcEvent, NotesChange } from '../../src-shared/ipc/contract';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/notes';
import type { ConfirmQuestion } from '../app/dialogs';
import { createNotesHandlers } from './notes-handlers';
import { notesOnlyHandlers } from '../../test/main/ipc/notes-only-handlers';
import { createIpcRouter } from './router';
import type { SenderInfo } from './sender-info';
import { createTempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import type { TempNotesDatabase } from '../../test/main/ipc/temp-notes-database';

const OUR_WINDOW: SenderInfo = { webContentsId: 1, frameUrl: 'file:///app/index.html', isMainFrame: true };

/**
 * The renderer's API, end to end through the real router and repository. structuredClone
 * stands in for Electron's IPC serialisation, which is what strips prototypes and errors.
 */
describe('the renderer API over the router', () => {
  let temp: TempNotesDatabase;
  let api: NotevaultApi;
  let listeners: Map<IpcEvent, Set<(payload: unknown) => void>>;
  /** Main's native confirmation dialog, answered here: what it was asked, and the answer. */
  let asked: ConfirmQuestion[];
  let answer: boolean;

  beforeEach(() => {
    temp = createTempNotesDatabase();
    listeners = new Map();
    asked = [];
    answer = true;
    const router = createIpcRouter({
      handlers: notesOnlyHandlers(
        createNotesHandlers(
          () => temp.notes,
          (event, payload) => {
            for (const listener of listeners.get(event) ?? []) listener(structuredClone(payload));
          },
          (question) => {
            asked.push(question);
            return Promise.resolve(answer);
          },
        ),
      ),
      isTrustedSender: (sender) => sender === OUR_WINDOW,
      log: () => undefined,
    });
    const transport: NotevaultTransport = {
      invoke: async (channel, payload) =>
        structuredClone(await router.dispatch(channel, structuredClone(payload), OUR_WINDOW)),
      subscribe(event, listener) {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set.add(listener));
        return () => set.delete(listener);
      },
    };
    api = createNotevaultApi(transport);
  });

  afterEach(() => temp.dispose());

  it('creates, lists pinned first, updates, searches with highlights, trashes and restores', async () => {
    const first = await api.notes.create({ title: 'Shopping', body: 'milk, eggs and bread' });
    const second = await api.notes.create({ title: 'Ideas', body: 'a bread recipe', pinned: true });
    expect((await api.notes.list()).items.map((n) => n.id)).toEqual([second.id, first.id]);

    const updated = await api.notes.update({ id: first.id, patch: { body: 'oat milk' } });
    expect(updated.body).toBe('oat milk');
    expect(temp.notes.get(first.id).body).toBe('oat milk');

    const [hit] = await api.notes.search({ query: 'recipe' });
    expect(hit?.id).toBe(second.id);
    expect(hit?.snippet).toContain(`${HIGHLIGHT_START}recipe${HIGHLIGHT_END}`);

    await api.notes.trash({ id: first.id });
    expect(await api.notes.count()).toBe(1);
    expect((await api.notes.list({ trashed: true })).items.map((n) => n.id)).toEqual([first.id]);
    await api.notes.restore({ id: first.id });
    expect(await api.notes.count({ trashed: true })).toBe(0);
  });

  it('purges and empties the trash', async () => {
    const a = await api.notes.create({ title: 'a', body: '' });
    const b = await api.notes.create({ title: 'b', body: '' });
    await api.notes.trash({ id: a.id });
    await api.notes.trash({ id: b.id });
    await expect(api.notes.purge({ id: a.id })).resolves.toBeUndefined();
    expect(await api.notes.emptyTrash()).toBe(1);
    expect(temp.notes.count({ trashed: true })).toBe(0);
    expect(asked.map((q) => q.confirmLabel)).toEqual(['Delete forever', 'Empty trash']);
    expect(asked[0]?.detail).toBe('“a” will be deleted forever. This cannot be undone.');
  });

  it('deletes nothing forever unless the person confirms in the main process’s dialog', async () => {
    const a = await api.notes.create({ title: '', body: '' });
    const b = await api.notes.create({ title: 'b', body: '' });
    await api.notes.trash({ id: a.id });
    await api.notes.trash({ id: b.id });
    answer = false;
    const changes: unknown[] = [];
    listeners.set('notes:didChange', new Set([(change) => void changes.push(change)]));
    await api.notes.purge({ id: a.id });
    expect(await api.notes.emptyTrash()).toBe(0);
    expect(temp.notes.count({ trashed: true })).toBe(2);
    expect(changes).toEqual([]);
    expect(asked).toEqual([
      {
        message: 'Delete this note forever?',
        detail: '“Untitled” will be deleted forever. This cannot be undone.',
        confirmLabel: 'Delete forever',
      },
      {
        message: 'Empty the trash?',
        detail: 'All 2 notes in the trash will be deleted forever. This cannot be undone.',
        confirmLabel: 'Empty trash',
      },
    ]);
    // A live note is refused as before, without a question.
    const live = await api.notes.create({ title: 'live', body: '' });
    await expect(api.notes.purge({ id: live.id })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(asked).toHaveLength(2);
  });

  it('throws NoteVaultErrors with the code from the main process', async () => {
    const error: unknown = await api.notes.get({ id: 'missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteVaultError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('"missing"') as string,
    });

    const invalid: unknown = await api.notes
      .create({ title: 'x'.repeat(501), body: '' })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('title') as string,
    });
  });

  it('delivers notes:didChange to subscribers until they unsubscribe', async () => {
    const seen: NotesChange[] = [];
    const unsubscribe = api.notes.onDidChange((change) => seen.push(change));
    const note = await api.notes.create({ title: 't', body: '' });
    unsubscribe();
    await api.notes.trash({ id: note.id });
    expect(seen).toEqual([{ reason: 'created', ids: [note.id] }]);
  });
});

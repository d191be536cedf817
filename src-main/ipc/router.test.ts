import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { ipcChannels } from '../../src-shared/ipc/contract';
import type { IpcArgsInput, IpcChannel, IpcEvent, IpcResult } from '../../src-shared/ipc/contract';
import { createNotesHandlers } from './notes-handlers';
import { createIpcRouter, INTERNAL_ERROR_MESSAGE } from './router';
import type { IpcHandlers, IpcRouter } from './router';
import type { SenderInfo } from './sender-info';
import { createTempNotesDatabase } from './testing/temp-notes-database';
import type { TempNotesDatabase } from './testing/temp-notes-database';

const OUR_WINDOW: SenderInfo = {
  webContentsId: 1,
  frameUrl: 'file:///app/out/renderer/index.html',
  isMainFrame: true,
};
const FOREIGN_PAGE: SenderInfo = { webContentsId: 1, frameUrl: 'https://evil.example/', isMainFrame: true };
const isTrustedSender = (sender: SenderInfo) =>
  sender.webContentsId === 1 && sender.frameUrl === OUR_WINDOW.frameUrl;

interface Ids {
  live: string;
  trashed: string;
}

// Typed per channel: a channel added to the contract without a sample here fails to compile.
const validPayloads: { [C in IpcChannel]: (ids: Ids) => IpcArgsInput<C> } = {
  'notes:list': () => ({ trashed: true }),
  'notes:get': (ids) => ({ id: ids.live }),
  'notes:create': () => ({ title: 'New', body: 'text' }),
  'notes:update': (ids) => ({ id: ids.live, patch: { title: 'Changed' } }),
  'notes:search': () => ({ query: 'groceries' }),
  'notes:trash': (ids) => ({ id: ids.live }),
  'notes:restore': (ids) => ({ id: ids.trashed }),
  'notes:purge': (ids) => ({ id: ids.trashed }),
  'notes:emptyTrash': () => undefined,
  'notes:count': () => ({ trashed: true }),
};

/** Each malformed payload and a pattern its error message must match (the field, the problem). */
const malformedPayloads: { [C in IpcChannel]: Array<[payload: unknown, mentions: RegExp]> } = {
  'notes:list': [
    ['all', /expected object/],
    [{ limit: 0 }, /limit: limit must be at least 1/],
    [{ sort: 'size' }, /sort:/],
    [{ trashed: true, extra: 1 }, /Unrecognized key: "extra"/],
  ],
  'notes:get': [
    [undefined, /expected object/],
    [{}, /id: A note id must be a string/],
    [{ id: 42 }, /id: A note id must be a string/],
  ],
  'notes:create': [
    [{ title: 'x' }, /body: A note body must be text/],
    [{ title: 'a'.repeat(501), body: '' }, /title: A title can be at most 500 characters/],
    [{ title: '', body: '', id: 'mine' }, /Unrecognized key: "id"/],
    [{ title: '', body: '', pinned: 'yes' }, /pinned:/],
  ],
  'notes:update': [
    [{ id: 'x', patch: {} }, /patch: An update must change at least one of title, body or pinned/],
    [{ id: 'x', patch: { pinned: 'yes' } }, /patch\.pinned:/],
    [{ patch: { title: 'x' } }, /id: A note id must be a string/],
  ],
  'notes:search': [
    [{}, /query: A search query must be text/],
    [{ query: 5 }, /query: A search query must be text/],
    [{ query: 'a', limit: 501 }, /limit: limit can be at most 500/],
    [{ query: 'a'.repeat(1001) }, /query: A search query can be at most 1000 characters/],
  ],
  'notes:trash': [[{ id: '' }, /id: A note id cannot be empty/]],
  'notes:restore': [[{ id: 'x'.repeat(101) }, /id: A note id is at most 100 characters/]],
  'notes:purge': [[null, /expected object/]],
  'notes:emptyTrash': [[{ all: true }, /This request takes no arguments/]],
  'notes:count': [[{ trashed: 'yes' }, /trashed:/]],
};

describe('createIpcRouter', () => {
  let temp: TempNotesDatabase;
  let ids: Ids;
  let events: Array<{ event: IpcEvent; payload: unknown }>;
  let logged: Array<{ message: string; error: unknown }>;
  let router: IpcRouter;

  function routerWith(handlers: IpcHandlers): IpcRouter {
    return createIpcRouter({
      handlers,
      isTrustedSender,
      log: (message, error) => logged.push({ message, error }),
    });
  }

  // The whole database as the user would see it, to prove a refused request changed nothing.
  function snapshot() {
    return { live: temp.notes.list(), trash: temp.notes.list({ trashed: true }) };
  }

  beforeEach(() => {
    temp = createTempNotesDatabase();
    const live = temp.notes.create({ title: 'Groceries', body: 'milk and eggs' });
    const trashed = temp.notes.create({ title: 'Old', body: 'gone' });
    temp.notes.trash(trashed.id);
    ids = { live: live.id, trashed: trashed.id };
    events = [];
    logged = [];
    router = routerWith(createNotesHandlers(() => temp.notes, (event, payload) => events.push({ event, payload })));
  });

  afterEach(() => temp.dispose());

  it.each(ipcChannels)(
    'refuses %s from a sender that is not our window, changing nothing',
    async (channel) => {
      const before = snapshot();
      const result = await router.dispatch(channel, validPayloads[channel](ids), FOREIGN_PAGE);
      expect(result).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringContaining('not its own window') as string },
      });
      expect(snapshot()).toEqual(before);
      expect(events).toEqual([]);
      expect(logged[0]?.message).toContain(channel);
    },
  );

  it.each(ipcChannels)('accepts a valid %s request from our window', async (channel) => {
    const result = await router.dispatch(channel, validPayloads[channel](ids), OUR_WINDOW);
    expect(result.ok).toBe(true);
  });

  it.each(ipcChannels.flatMap((channel) => malformedPayloads[channel].map((c) => [channel, ...c] as const)))(
    'answers %s with %j by a VALIDATION error naming the problem',
    async (channel, payload, mentions) => {
      const before = snapshot();
      const result = await router.dispatch(channel, payload, OUR_WINDOW);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toMatch(new RegExp(`^${channel} was called with invalid arguments: `));
      expect(result.error.message).toMatch(mentions);
      expect(snapshot()).toEqual(before);
    },
  );

  it('refuses an unknown channel by name, and a non-string one', async () => {
    expect(await router.dispatch('notes:format', {}, OUR_WINDOW)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'NoteVault has no request named "notes:format".' },
    });
    const inherited = await router.dispatch('toString', undefined, OUR_WINDOW);
    expect(inherited).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses every request when the trust check itself throws', async () => {
    const fragile = createIpcRouter({
      handlers: createNotesHandlers(() => temp.notes, () => undefined),
      isTrustedSender: () => {
        throw new Error('window is gone');
      },
      log: (message, error) => logged.push({ message, error }),
    });
    expect(await fragile.dispatch('notes:count', undefined, OUR_WINDOW)).toMatchObject({ ok: false });
    expect(logged.map((entry) => entry.message).join('\n')).toContain('trusted-sender check threw');
  });

  it('passes the repository’s NoteVaultErrors through with their code and message', async () => {
    const missing = await router.dispatch('notes:get', { id: 'no-such-note' }, OUR_WINDOW);
    expect(missing).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('"no-such-note"') as string },
    });
    // Valid by the contract's shape, refused by the repository's rule (trashed notes are read-only).
    const editTrashed = await router.dispatch(
      'notes:update',
      { id: ids.trashed, patch: { body: 'x' } },
      OUR_WINDOW,
    );
    expect(editTrashed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(editTrashed)).toContain('restore it first');
  });

  it('turns an unexpected error into INTERNAL with no stack or detail, and logs the stack in main', async () => {
    const secret = new TypeError('cannot read properties of undefined (at /home/me/secret.ts:12)');
    const buggy = routerWith({
      ...createNotesHandlers(() => temp.notes, () => undefined),
      'notes:count': () => {
        throw secret;
      },
    });
    const result: IpcResult<unknown> = await buggy.dispatch('notes:count', undefined, OUR_WINDOW);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE } });
    expect(Object.keys(result.ok ? {} : result.error).sort()).toEqual(['code', 'message']);
    expect(JSON.stringify(result)).not.toMatch(/secret|TypeError|\bat /);
    expect(logged).toEqual([{ message: 'IPC notes:count failed unexpectedly', error: secret }]);
    expect((logged[0]?.error as Error).stack).toContain('secret.ts');
  });

  it('keeps only code and message of an INTERNAL NoteVaultError, and logs it', async () => {
    const cause = new Error('disk controller detail');
    const buggy = routerWith({
      ...createNotesHandlers(() => temp.notes, () => undefined),
      'notes:list': () => {
        throw new NoteVaultError('INTERNAL', 'The clock went backwards.', { cause });
      },
    });
    const result = await buggy.dispatch('notes:list', undefined, OUR_WINDOW);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The clock went backwards.' } });
    expect(JSON.stringify(result)).not.toContain('disk controller');
    expect(logged).toHaveLength(1);
  });

  it('runs each channel against the repository and announces changes', async () => {
    const created = await router.dispatch(
      'notes:create',
      { title: 'Plan', body: 'buy groceries' },
      OUR_WINDOW,
    );
    expect(created).toMatchObject({ ok: true, value: { title: 'Plan', pinned: false } });
    const newId = created.ok ? (created.value as { id: string }).id : '';
    expect(events).toEqual([{ event: 'notes:didChange', payload: { reason: 'created', ids: [newId] } }]);

    await router.dispatch('notes:update', { id: newId, patch: { pinned: true } }, OUR_WINDOW);
    expect(temp.notes.get(newId).pinned).toBe(true);

    const found = await router.dispatch('notes:search', { query: 'groceries' }, OUR_WINDOW);
    expect(found.ok && (found.value as unknown[]).length).toBe(2);

    expect(await router.dispatch('notes:emptyTrash', undefined, OUR_WINDOW)).toEqual({ ok: true, value: 1 });
    expect(await router.dispatch('notes:count', { trashed: true }, OUR_WINDOW)).toEqual({
      ok: true,
      value: 0,
    });
    expect(events.map((e) => (e.payload as { reason: string }).reason)).toEqual([
      'created',
      'updated',
      'trashEmptied',
    ]);
  });
});

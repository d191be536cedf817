import { describe, expect, expectTypeOf, it } from 'vitest';
import { NoteVaultError } from '../errors';
import type { Note, Page } from '../notes';
import { MAX_ERROR_DETAILS_CHARS } from '../errors';
import { createNotevaultApi, unwrapResult } from './client';
import type { NotevaultApi, NotevaultTransport } from './client';
import { ipcChannels, ipcEventNames, splitIpcName } from './contract';
import type { IpcChannel, IpcEvent, IpcResult, NotesChange } from './contract';

/**
 * A transport that records what the API sends and answers with a prepared reply. The
 * API's round trip through the real router and database is in src-main/ipc/ipc-roundtrip.test.ts;
 * this file covers how the client maps channels and replies.
 */
function recordingTransport(reply: IpcResult<unknown>) {
  const calls: Array<{ channel: IpcChannel; payload: unknown }> = [];
  const subscriptions: Array<{ event: IpcEvent; listener: (payload: unknown) => void; removed: boolean }> =
    [];
  const transport: NotevaultTransport = {
    invoke: (channel, payload) => {
      calls.push({ channel, payload });
      return Promise.resolve(reply);
    },
    subscribe: (event, listener) => {
      const entry = { event, listener, removed: false };
      subscriptions.push(entry);
      return () => {
        entry.removed = true;
      };
    },
  };
  return { transport, calls, subscriptions };
}

describe('createNotevaultApi', () => {
  it('has one frozen namespace per contract domain, with a method per channel and event', () => {
    const api = createNotevaultApi(recordingTransport({ ok: true, value: null }).transport);
    const expected = new Map<string, Set<string>>();
    for (const channel of ipcChannels) {
      const { domain, member } = splitIpcName(channel);
      expected.set(domain, (expected.get(domain) ?? new Set()).add(member));
    }
    for (const event of ipcEventNames) {
      const { domain, member } = splitIpcName(event);
      expected.set(
        domain,
        (expected.get(domain) ?? new Set()).add(`on${member[0]?.toUpperCase()}${member.slice(1)}`),
      );
    }
    expect(Object.keys(api).sort()).toEqual([...expected.keys()].sort());
    for (const [domain, members] of expected) {
      const namespace = (api as unknown as Record<string, Record<string, unknown>>)[domain] ?? {};
      expect(Object.keys(namespace).sort()).toEqual([...members].sort());
      expect(Object.isFrozen(namespace)).toBe(true);
    }
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api.notes)).toContain('onDidChange');
  });

  it('sends each method to its own channel with the payload as given', async () => {
    const { transport, calls } = recordingTransport({ ok: true, value: 3 });
    const api = createNotevaultApi(transport);
    await api.notes.count({ trashed: true });
    await api.notes.emptyTrash();
    await api.notes.update({ id: 'n1', patch: { pinned: true } });
    expect(calls).toEqual([
      { channel: 'notes:count', payload: { trashed: true } },
      { channel: 'notes:emptyTrash', payload: undefined },
      { channel: 'notes:update', payload: { id: 'n1', patch: { pinned: true } } },
    ]);
  });

  it('resolves to the value of a successful reply', async () => {
    const page: Page<Note> = { items: [], total: 0, offset: 0, limit: 100 };
    const api = createNotevaultApi(recordingTransport({ ok: true, value: page }).transport);
    await expect(api.notes.list()).resolves.toEqual(page);
  });

  it('rejects with a NoteVaultError carrying the reply’s code and message', async () => {
    const reply: IpcResult<never> = {
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No note with id "x".' },
    };
    const api = createNotevaultApi(recordingTransport(reply).transport);
    const error: unknown = await api.notes.get({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteVaultError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No note with id "x".' });
  });

  it('passes listeners to the transport and returns its unsubscribe', () => {
    const { transport, subscriptions } = recordingTransport({ ok: true, value: null });
    const api = createNotevaultApi(transport);
    const seen: NotesChange[] = [];
    const unsubscribe = api.notes.onDidChange((change) => seen.push(change));
    subscriptions[0]?.listener({ reason: 'created', ids: ['a'] });
    unsubscribe();
    expect(subscriptions.map((s) => [s.event, s.removed])).toEqual([['notes:didChange', true]]);
    expect(seen).toEqual([{ reason: 'created', ids: ['a'] }]);
  });

  it('derives its types from the contract', () => {
    expectTypeOf<NotevaultApi['notes']['get']>().parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf<ReturnType<NotevaultApi['notes']['get']>>().toEqualTypeOf<Promise<Note>>();
    expectTypeOf<NotevaultApi['notes']['purge']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<Parameters<NotevaultApi['notes']['emptyTrash']>>().toEqualTypeOf<[payload?: undefined]>();
  });
});

describe('unwrapResult', () => {
  it('turns an unknown error code into INTERNAL, keeping the message', () => {
    const reply = {
      ok: false,
      error: { code: 'TEAPOT', message: 'short and stout' },
    } as unknown as IpcResult<never>;
    expect(() => unwrapResult(reply)).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: 'short and stout' }),
    );
  });

  it('keeps the details behind the message', () => {
    const reply: IpcResult<never> = {
      ok: false,
      error: {
        code: 'WRONG_PASSKEY',
        message: 'That passkey does not open this backup.',
        details: 'byte offset 64',
      },
    };
    expect(() => unwrapResult(reply)).toThrow(
      expect.objectContaining({ code: 'WRONG_PASSKEY', details: 'byte offset 64' }),
    );
  });

  it.each([
    undefined,
    null,
    'ok',
    { ok: 'yes' },
    { ok: false },
    { ok: false, error: { code: 'IO' } },
    { ok: false, error: { code: 'IO', message: 'm', details: 42 } },
    { ok: false, error: { code: 'IO', message: 'm', details: 'x'.repeat(MAX_ERROR_DETAILS_CHARS + 1) } },
  ])('refuses a malformed reply %j with an INTERNAL NoteVaultError', (reply) => {
    expect(() => unwrapResult(reply as unknown as IpcResult<never>)).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: expect.stringContaining('does not understand') as string,
      }),
    );
  });

  it('accepts a void success whose value was dropped in transit', () => {
    expect(unwrapResult({ ok: true } as IpcResult<void>)).toBeUndefined();
  });
});

import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createNotevaultApi } from '../../src-shared/ipc/client';
import { ipcChannels, ipcEventNames, splitIpcName } from '../../src-shared/ipc/contract';
import type { IpcChannel, IpcEvent } from '../../src-shared/ipc/contract';

// Electron cannot run here: contextBridge records what is exposed, and ipcRenderer is a
// real EventEmitter (the class Electron's ipcRenderer extends) whose invoke answers
// like the main process's router would for a known channel.
const electron = vi.hoisted(() => ({
  exposed: [] as Array<[key: string, api: unknown]>,
  invoked: [] as Array<[channel: string, payload: unknown]>,
  ipcRenderer: undefined as unknown as EventEmitter,
}));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), {
    invoke: (channel: string, payload: unknown) => {
      electron.invoked.push([channel, payload]);
      return Promise.resolve({ ok: true, value: 0 });
    },
  });
  electron.ipcRenderer = ipcRenderer;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
    ipcRenderer,
  };
});

const { preloadTransport } = await import('./index');

describe('the preload', () => {
  it('exposes one frozen object, window.notevault, holding only invoke and subscribe', () => {
    expect(electron.exposed).toHaveLength(1);
    const [key, exposed] = electron.exposed[0] ?? [];
    expect(key).toBe('notevault');
    expect(exposed).toBe(preloadTransport);
    expect(Object.isFrozen(exposed)).toBe(true);
    expect(Object.keys(exposed as object).sort()).toEqual(['invoke', 'subscribe']);
    // Nothing Electron leaks through: no ipcRenderer, no event objects.
    expect(Object.values(exposed as object).every((value) => typeof value === 'function')).toBe(true);
  });

  it('gives the renderer an API whose namespaces are exactly the contract’s domains', () => {
    const api = createNotevaultApi(preloadTransport);
    const domains = new Set([...ipcChannels, ...ipcEventNames].map((name) => splitIpcName(name).domain));
    expect(Object.keys(api).sort()).toEqual([...domains].sort());
  });

  it('forwards contract channels to ipcRenderer.invoke and refuses others without sending', async () => {
    electron.invoked.length = 0;
    await expect(preloadTransport.invoke('notes:count', { trashed: true })).resolves.toEqual({
      ok: true,
      value: 0,
    });
    // The page can pass anything: the cast stands for a compromised or buggy renderer.
    const refused = await preloadTransport.invoke('shell:open' as IpcChannel, 'x');
    expect(refused).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'NoteVault has no request named "shell:open".' },
    });
    expect(electron.invoked).toEqual([['notes:count', { trashed: true }]]);
  });

  it('refuses a payload over its channel’s cap without sending it, naming the limit', async () => {
    electron.invoked.length = 0;
    const huge = { title: '', body: 'a'.repeat(17 * 1024 * 1024) };
    await expect(preloadTransport.invoke('notes:create', huge)).resolves.toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'notes:create was refused: its arguments are larger than the 16.06 MiB this request allows.',
      },
    });
    const refused = await preloadTransport.invoke('schedule:enable', {
      interval: 'daily',
      passkey: 'p'.repeat(9000),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: /the 8 KiB this request/ },
    });
    expect(electron.invoked).toEqual([]);
    // A large but allowed note still goes through.
    await preloadTransport.invoke('notes:create', { title: '', body: 'a'.repeat(1024 * 1024) });
    expect(electron.invoked.map(([channel]) => channel)).toEqual(['notes:create']);
  });

  it('hides the Electron event from listeners and unsubscribes the very function it added', () => {
    const ipc = electron.ipcRenderer;
    const received: unknown[][] = [];
    const unsubscribe = preloadTransport.subscribe('notes:didChange', (...args: unknown[]) =>
      received.push(args),
    );
    expect(ipc.listenerCount('notes:didChange')).toBe(1);

    ipc.emit('notes:didChange', { sender: ipc }, { reason: 'created', ids: ['a'] });
    unsubscribe();
    ipc.emit('notes:didChange', { sender: ipc }, { reason: 'updated', ids: ['a'] });

    expect(ipc.listenerCount('notes:didChange')).toBe(0);
    expect(received).toEqual([[{ reason: 'created', ids: ['a'] }]]);
  });

  it('refuses to subscribe to a channel outside the contract', () => {
    expect(() => preloadTransport.subscribe('notes:list' as IpcEvent, () => undefined)).toThrow(
      /no event named "notes:list"/,
    );
    const notAFunction = 'not a function' as unknown as () => void;
    expect(() => preloadTransport.subscribe('notes:didChange', notAFunction)).toThrow(/must be a function/);
  });
});

import { describe, expect, it } from 'vitest';
import { ipcEvents, ipcRequests } from './contract';
import { ipcChannelNames, ipcEventNames, isIpcChannel, isIpcEvent } from './names';

// The compile already fails when the key sets differ (contract.ts); this also catches a name
// listed twice and checks the guards against what the page could send.
describe('the names-only module', () => {
  it('lists each contract channel and event exactly once', () => {
    expect([...ipcChannelNames].sort()).toEqual(Object.keys(ipcRequests).sort());
    expect([...ipcEventNames].sort()).toEqual(Object.keys(ipcEvents).sort());
  });

  it('accepts exactly those names, and nothing inherited or of another kind', () => {
    for (const name of ipcChannelNames) expect([isIpcChannel(name), isIpcEvent(name)]).toEqual([true, false]);
    for (const name of ipcEventNames) expect([isIpcChannel(name), isIpcEvent(name)]).toEqual([false, true]);
    for (const name of ['toString', '__proto__', 'constructor', '', 'shell:open', 42, null, undefined]) {
      expect([isIpcChannel(name), isIpcEvent(name)]).toEqual([false, false]);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * src-main/index.ts started as a packaged app with a remote-debugging switch, `electron`
 * replaced by recorders (as in main-process-start.test.ts): it must say why and exit before
 * taking the single-instance lock, registering anything or waiting for ready.
 */
const calls = vi.hoisted(() => [] as string[]);

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const record = (name: string) => () => {
    calls.push(name);
  };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    setPath: record('setPath'),
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return true;
    },
    whenReady: () => {
      calls.push('whenReady');
      return new Promise(() => undefined);
    },
    quit: record('quit'),
    exit: (code: number) => calls.push(`exit ${code}`),
  });
  return {
    app,
    dialog: {
      showErrorBox: (title: string, message: string) => calls.push(`error box: ${title}: ${message}`),
    },
    protocol: { registerSchemesAsPrivileged: record('registerSchemesAsPrivileged') },
    session: {},
    screen: {},
    ipcMain: { handle: record('ipcMain.handle'), removeHandler: record('ipcMain.removeHandler') },
  };
});

describe('a packaged start with remote debugging asked for', () => {
  const argv = process.argv;
  beforeAll(async () => {
    process.argv = ['/opt/NoteVault/notevault', '--remote-debugging-port=9222'];
    await import('../index');
  });
  afterAll(() => {
    process.argv = argv;
  });

  it('shows why and exits with an error, having started nothing', () => {
    expect(calls).toEqual([
      'error box: NoteVault could not start: NoteVault does not start with debugging turned on (--remote-debugging-port): start it again without it.',
      'exit 1',
    ]);
  });
});

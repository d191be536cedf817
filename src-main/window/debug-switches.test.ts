import { describe, expect, it } from 'vitest';
import { debugSwitchesMessage, findDebugSwitches } from './debug-switches';

const EXE = '/opt/NoteVault/notevault';
const packaged = { isPackaged: true, platform: 'linux' } as const;
const onWindows = { isPackaged: true, platform: 'win32' } as const;

describe('findDebugSwitches', () => {
  it('finds nothing in an ordinary start, with or without a user-data folder', () => {
    expect(findDebugSwitches([EXE], {}, packaged)).toEqual([]);
    expect(findDebugSwitches([EXE, '--user-data-dir=/tmp/x'], { HOME: '/home/a' }, packaged)).toEqual([]);
    // The executable's own name is not a switch, whatever it is called.
    expect(findDebugSwitches(['--inspect'], {}, packaged)).toEqual([]);
  });

  it.each([
    '--remote-debugging-port=9222',
    '--remote-debugging-port',
    '--remote-debugging-pipe',
    '--remote-debugging-address=0.0.0.0',
    '--inspect',
    '--inspect=0.0.0.0:9229',
    '--inspect-brk',
    '--inspect-port=9229',
    '--js-flags=--inspect',
    '--js-flags=--allow-natives-syntax',
    '--enable-logging',
    '--log-file=/tmp/log',
    '-remote-debugging-port=9222',
    '--REMOTE-DEBUGGING-PORT=9222',
  ])('refuses %s in a packaged build', (arg) => {
    expect(findDebugSwitches([EXE, '--user-data-dir=/tmp/x', arg], {}, packaged)).toEqual([
      arg.split('=')[0],
    ]);
  });

  it('reads Windows spellings only on Windows', () => {
    expect(findDebugSwitches(['NoteVault.exe', '/remote-debugging-port=9222'], {}, onWindows)).toEqual([
      '/remote-debugging-port',
    ]);
    expect(findDebugSwitches([EXE, '/remote-debugging-port=9222'], {}, packaged)).toEqual([]);
  });

  it('refuses Electron debug variables, set to anything', () => {
    expect(findDebugSwitches([EXE], { ELECTRON_ENABLE_LOGGING: '1' }, packaged)).toEqual([
      'ELECTRON_ENABLE_LOGGING',
    ]);
    expect(findDebugSwitches([EXE], { ELECTRON_ENABLE_LOGGING: '' }, packaged)).toEqual([
      'ELECTRON_ENABLE_LOGGING',
    ]);
    expect(findDebugSwitches(['NoteVault.exe'], { electron_log_file: 'x' }, onWindows)).toEqual([
      'electron_log_file',
    ]);
    expect(findDebugSwitches([EXE], { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, packaged)).toEqual(
      [],
    );
  });

  it('lists every offender', () => {
    expect(
      findDebugSwitches(
        [EXE, '--inspect', '--remote-debugging-pipe'],
        { ELECTRON_ENABLE_LOGGING: '1' },
        packaged,
      ),
    ).toEqual(['--inspect', '--remote-debugging-pipe', 'ELECTRON_ENABLE_LOGGING']);
  });

  it('allows all of it in development', () => {
    const dev = { isPackaged: false, platform: 'linux' } as const;
    expect(
      findDebugSwitches(
        [EXE, '--inspect', '--remote-debugging-port=9222'],
        { ELECTRON_ENABLE_LOGGING: '1' },
        dev,
      ),
    ).toEqual([]);
  });
});

describe('debugSwitchesMessage', () => {
  it('is one sentence naming what to leave out', () => {
    expect(debugSwitchesMessage(['--inspect'])).toBe(
      'NoteVault does not start with debugging turned on (--inspect): start it again without it.',
    );
    expect(debugSwitchesMessage(['--inspect', 'ELECTRON_ENABLE_LOGGING'])).toMatch(/without them\.$/);
  });
});

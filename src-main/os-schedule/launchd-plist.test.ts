import plist from 'plist';
import { describe, expect, it } from 'vitest';
import { launchdPlist } from './launchd-plist';

const program = {
  executable: '/Applications/NoteVault & Co <beta>.app/Contents/MacOS/NoteVault',
  args: ['--run-scheduled-backup', '--user-data-dir=/Users/ana/Notes \'work\' "x"'],
};

describe('the launchd agent', () => {
  it.each([
    ['hourly', 900],
    ['daily', 7200],
    ['weekly', 21600],
  ] as const)('parses back (plist) to the agent NoteVault means (%s)', (interval, seconds) => {
    const parsed = plist.parse(launchdPlist({ interval, whenLoggedOff: false, program }));
    expect(parsed).toEqual({
      Label: 'app.notevault.backup',
      ProgramArguments: [program.executable, ...program.args],
      StartInterval: seconds,
      RunAtLoad: false,
      ProcessType: 'Background',
      LowPriorityIO: true,
    });
  });

  it('refuses a control character it could not write', () => {
    expect(() =>
      launchdPlist({
        interval: 'daily',
        whenLoggedOff: false,
        program: { executable: '/a\u0001b', args: [] },
      }),
    ).toThrow(/control character/);
  });
});

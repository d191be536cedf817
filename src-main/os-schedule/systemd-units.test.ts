import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemdUnits } from './systemd-units';

// systemd-analyze verify loads the units as systemd would: unknown keys, bad calendar
// expressions, wrong quoting and a program that does not exist at the path are reported.
// It runs in system mode here: --user needs a user manager's runtime folder, which a CI
// container does not have; the unit syntax is the same.
const analyze = spawnSync('sh', ['-c', 'command -v systemd-analyze']).status === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'notevault-units-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An executable at a path with a space, a % and a $ (an AppImage in a folder of the person's naming). */
function fakeInstalledApp(): string {
  mkdirSync(join(dir, 'My Apps %h $HOME'));
  const executable = join(dir, 'My Apps %h $HOME', 'NoteVault.AppImage');
  writeFileSync(executable, '#!/bin/sh\nexit 0\n');
  chmodSync(executable, 0o755);
  return executable;
}

function verify(service: string, timer: string) {
  writeFileSync(join(dir, 'notevault-backup.service'), service);
  writeFileSync(join(dir, 'notevault-backup.timer'), timer);
  return spawnSync('systemd-analyze', ['verify', 'notevault-backup.timer', 'notevault-backup.service'], {
    cwd: dir,
    encoding: 'utf8',
  });
}

describe.skipIf(!analyze)(
  `the systemd user units${analyze ? '' : ': skipped, systemd-analyze is not installed'}`,
  () => {
    it.each(['hourly', 'daily', 'weekly'] as const)(
      'pass systemd-analyze verify with nothing to say (%s)',
      (interval) => {
        const executable = fakeInstalledApp();
        const units = systemdUnits({
          interval,
          whenLoggedOff: false,
          program: {
            executable,
            args: ['--run-scheduled-backup', '--user-data-dir=/home/ana/My "Notes"\\x'],
          },
        });
        const result = verify(units.service, units.timer);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
      },
    );

    it('the check is real: a missing program and a bad calendar are reported', () => {
      const units = systemdUnits({
        interval: 'daily',
        whenLoggedOff: false,
        program: { executable: join(dir, 'missing'), args: ['--run-scheduled-backup'] },
      });
      const result = verify(
        units.service,
        units.timer.replace(/OnCalendar=.*/, 'OnCalendar=every two hours'),
      );
      expect(result.stderr).toMatch(/is not executable/);
      expect(result.stderr).toMatch(/Failed to parse calendar specification/);
      expect(result.status).not.toBe(0);
    });
  },
);

describe('the systemd user units, as text', () => {
  it('is a oneshot service started by a persistent timer every check period', () => {
    const { service, timer } = systemdUnits({
      interval: 'hourly',
      whenLoggedOff: false,
      program: { executable: '/opt/NoteVault/notevault', args: ['--run-scheduled-backup'] },
    });
    expect(service).toContain('Type=oneshot\n');
    expect(service).toContain('ExecStart="/opt/NoteVault/notevault" "--run-scheduled-backup"\n');
    expect(timer).toContain('OnCalendar=*-*-* *:00/15:00\n');
    expect(timer).toContain('Persistent=true\n');
    expect(timer).toContain('WantedBy=timers.target\n');
  });
});

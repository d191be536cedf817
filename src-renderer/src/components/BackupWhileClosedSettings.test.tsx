import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { OsScheduleStatus } from '../../../src-shared/ipc/contract-os-schedule';
import { defaultSettings } from '../../../src-shared/settings';
import type { Settings } from '../../../src-shared/settings';
import { apiOver } from '../api';
import { ApiProvider } from '../api-context';
import { BackupWhileClosedSettings } from './BackupWhileClosedSettings';

const NOW = Date.UTC(2026, 11, 6, 12);
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

const os = (extra: Partial<OsScheduleStatus> = {}): OsScheduleStatus => ({
  registered: true,
  platform: 'linux',
  where: '~/.config/systemd/user/notevault-backup.timer',
  lastHeadlessRunAt: null,
  message: null,
  ...extra,
});

const render = (settings: Settings, status: OsScheduleStatus | null): string =>
  text(
    renderToStaticMarkup(
      <ApiProvider api={apiOver(undefined)}>
        <BackupWhileClosedSettings settings={settings} os={status} now={NOW} onError={() => undefined} />
      </ApiProvider>,
    ),
  );

const on = (whenLoggedOff = false): Settings => ({
  ...defaultSettings('win32'),
  schedule: 'daily',
  backupWhileClosed: { enabled: true, whenLoggedOff },
});

describe('BackupWhileClosedSettings', () => {
  it('offers "also when I am logged off" on Windows only, once backing up while closed is on', () => {
    expect(render(on(), os({ platform: 'win32' }))).toContain('Also when I am logged off');
    expect(render(on(), os({ platform: 'linux' }))).not.toContain('logged off');
    expect(render(on(), null)).not.toContain('logged off');
    expect(render(defaultSettings('win32'), os({ platform: 'win32' }))).not.toContain('logged off');
    expect(render(defaultSettings('win32'), null)).toContain('Keep backing up when NoteVault is closed');
  });

  it('says what the system registered and when it last ran, or that nothing runs while schedules are off', () => {
    const shown = render(on(), os({ lastHeadlessRunAt: NOW - 3 * 3_600_000 }));
    expect(shown).toContain(
      "The system runs NoteVault's scheduled backups while it is closed (~/.config/systemd/user/notevault-backup.timer). It last ran while NoteVault was closed 3 hours ago.",
    );
    expect(render({ ...on(), schedule: 'off' }, os())).toContain(
      'Nothing runs while scheduled backups are off',
    );
  });

  it('says why registering failed, with Details', () => {
    const failed = render(
      on(),
      os({
        registered: false,
        message: 'The system scheduler refused the task; try again.',
        details: 'schtasks exit 1',
      }),
    );
    expect(failed).toContain('The system scheduler refused the task; try again.');
    expect(failed).toContain('Details');
    expect(failed).toContain('schtasks exit 1');
  });
});

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src-shared/settings';
import type { Settings } from '../../../src-shared/settings';
import { apiOver } from '../api';
import { ApiProvider } from '../api-context';
import { BackupWhileClosedSettings } from './BackupWhileClosedSettings';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const render = (settings: Settings, windows: boolean, registration: string | null = null): string =>
  text(
    renderToStaticMarkup(
      <ApiProvider api={apiOver(undefined)}>
        <BackupWhileClosedSettings
          settings={settings}
          windows={windows}
          registration={registration}
          onError={() => undefined}
        />
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
    expect(render(on(), true)).toContain('Also when I am logged off');
    expect(render(on(), false)).not.toContain('logged off');
    expect(render(defaultSettings('win32'), true)).not.toContain('logged off');
    expect(render(defaultSettings('win32'), true)).toContain('Keep backing up when NoteVault is closed');
  });

  it('says what the operating system registered, or that nothing runs while schedules are off', () => {
    expect(render(on(), false, 'A systemd user timer runs NoteVault every day.')).toContain(
      'A systemd user timer runs NoteVault every day.',
    );
    expect(render({ ...on(), schedule: 'off' }, false, 'A systemd user timer')).toContain(
      'Nothing runs while scheduled backups are off',
    );
  });
});

import { expect, it } from 'vitest';
import type { IpcChannel } from '../../src-shared/ipc/contract';
import type { OsScheduleStatus } from '../../src-shared/ipc/contract-os-schedule';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// settings:update's backupWhileClosed and osSchedule:status through the real router over the
// app's real services; the OS scheduler is a Linux registrar over the fixture's temporary home
// whose commands are recorded (nothing touches this machine's systemd).
const app = useRoutedApp();

async function call(channel: IpcChannel, payload: unknown): Promise<unknown> {
  const result = await app.router.dispatch(channel, payload, OUR_WINDOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const status = async () => (await call('osSchedule:status', undefined)) as OsScheduleStatus;

it('registers the systemd timer when the window turns the setting on, and removes it when turned off', async () => {
  const { services } = app.fixture;
  expect(await status()).toEqual({
    registered: false,
    platform: process.platform,
    where: expect.stringMatching(/systemd user timer .*notevault-backup\.timer$/) as unknown,
    lastHeadlessRunAt: null,
    message: null,
  });
  // Scheduled backups on (as schedule:enable leaves them, without its Argon2id here).
  await services.settingsStore.update({ schedule: 'daily' });

  await call('settings:update', { backupWhileClosed: { enabled: true, whenLoggedOff: false } });
  expect(await status()).toMatchObject({ registered: true, message: null });
  expect(app.fixture.osScheduleCommands).toEqual([
    'systemctl --user daemon-reload',
    'systemctl --user enable notevault-backup.timer',
    'systemctl --user restart notevault-backup.timer',
  ]);

  await call('settings:update', { backupWhileClosed: { enabled: false, whenLoggedOff: false } });
  expect(await status()).toMatchObject({ registered: false, message: null });
  expect(app.fixture.osScheduleCommands.slice(3)).toEqual([
    'systemctl --user disable --now notevault-backup.timer',
    'systemctl --user daemon-reload',
  ]);
});

it('takes no arguments', async () => {
  const result = await app.router.dispatch('osSchedule:status', { platform: 'win32' }, OUR_WINDOW);
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

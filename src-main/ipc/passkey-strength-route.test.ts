import { expect, it } from 'vitest';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// The dialog's strength meter is a courtesy; main enforces the rule for every passkey that
// will encrypt new backups, through the real router and services.
const app = useRoutedApp();

it.each([
  ['backup:create', { passkey: 'a' }],
  ['backup:create', { passkey: 'password1' }],
  // zxcvbn's 1 (Weak): refused since issue #14, not merely warned about.
  ['backup:create', { passkey: 'Password123' }],
  ['schedule:enable', { interval: 'daily', passkey: 'a' }],
  ['schedule:enable', { interval: 'daily', passkey: 'Summer2024' }],
] as const)('refuses %s with the too-weak passkey %j, changing nothing', async (channel, payload) => {
  const backupsBefore = (await app.fixture.services.backups.list()).backups.length;
  const result = await app.router.dispatch(channel, payload, OUR_WINDOW);
  expect(result).toEqual({
    ok: false,
    error: {
      code: 'VALIDATION',
      message: expect.stringMatching(/^This passkey is too easy to guess.*Choose a longer one/) as unknown,
    },
  });
  expect((await app.fixture.services.backups.list()).backups).toHaveLength(backupsBefore);
  expect(app.fixture.services.settings.get().schedule).toBe('off');
});

// The passkey for the copy of the current notes made before a restore encrypts a new backup too.
it('refuses restore:run with a too-weak passkey for the copy of the current notes, changing nothing', async () => {
  const { fixture } = app;
  const notesBefore = fixture.services.holder.repository().list().items.length;
  const result = await app.router.dispatch(
    'restore:run',
    {
      restoreToken: await fixture.previewedRestoreToken(),
      passkey: fixture.passkey,
      safetyPasskey: 'password1',
    },
    OUR_WINDOW,
  );
  expect(result).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      message: expect.stringMatching(/^This passkey is too easy to guess/) as unknown,
    },
  });
  expect(fixture.services.holder.repository().list().items).toHaveLength(notesBefore);
});

import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Tier 1 through the bridge: the app's real services, sealed key store (test keychain) and the
// built job worker. Issue #14: with scheduled backups on, Verify on a manual backup failed with
// "The key supplied was derived for a different backup…" instead of asking for its passkey.
test.describe.configure({ timeout: 120_000 });

const PASSKEY = 'lantern orchard drifts over granite';

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

async function dispatchOk(
  bridge: NotevaultBridge,
  channel: Parameters<NotevaultBridge['dispatch']>[0],
  payload: unknown,
) {
  const result = await bridge.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
}

test('with scheduled backups on, Verify on a manual backup asks for that backup’s passkey, then checks it', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Kept', body: 'safe' });
  bridge.dialogs.folder = bridge.backupFolder;
  await dispatchOk(bridge, 'settings:chooseBackupFolder', undefined);
  // The same passkey for both: the saved key still does not fit, since each backup has its own salt.
  await dispatchOk(bridge, 'backup:create', { passkey: PASSKEY });
  await dispatchOk(bridge, 'schedule:enable', { interval: 'daily', passkey: PASSKEY });

  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByRole('definition').filter({ hasText: 'Every day' })).toBeVisible();
  const manual = backups.getByRole('row').filter({ hasText: 'Manual' });
  await manual.getByRole('button', { name: /^Verify backup of/ }).click();

  const prompt = page.getByRole('dialog', { name: 'Verify a backup' });
  await expect(
    prompt.getByText(/made with its own passkey, not the one saved for scheduled backups/),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await prompt.getByLabel('Passkey').fill(PASSKEY);
  await prompt.getByRole('button', { name: 'Verify' }).click();
  await expect(prompt).toBeHidden({ timeout: 30_000 });
  await expect(backups.getByText(/is intact: 1 note\./)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

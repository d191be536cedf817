import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Issue #17 in the window, tier 1 through the bridge: the app's own settings, destinations,
// catalogue, drill service and retention preview run in the test process over real files; only
// the native folder dialog answers as told.
test.describe.configure({ timeout: 180_000 });

const PASSKEY = 'lantern orchard drifts over granite';

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

/** A second folder for the stubbed folder dialog to answer with. */
function secondFolder(bridge: NotevaultBridge): string {
  const folder = join(bridge.backupFolder, '..', 'usb-drive');
  mkdirSync(folder, { recursive: true });
  return folder;
}

test('Settings: a second place for backups with its own size cap, restore tests and backing up while closed; removing the place leaves its files', async ({
  page,
  bridge,
}) => {
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });
  const places = settings.getByRole('group', { name: 'More places for backups' });
  const add = places.getByRole('button', { name: 'Add a place for backups…' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription(/^Choose a backup folder first\./);

  await settings.getByRole('button', { name: 'Choose folder…' }).click();
  const usb = secondFolder(bridge);
  bridge.dialogs.folder = usb;
  await add.click();
  const place = places.getByRole('group', { name: usb });
  await expect(place).toBeVisible();
  await expect(places.getByRole('status')).toHaveText(
    'Backups will be copied there from the next backup on.',
  );
  const [extra] = bridge.services.settings.get().extraDestinations ?? [];
  expect(extra?.folder).toBe(usb);

  // Its own retention: a size cap saved for that destination only.
  // Controlled by the saved settings: checked once main has saved the change.
  const limit = place.getByRole('checkbox', { name: 'Limit the space these backups take' });
  await limit.click();
  await expect(limit).toBeChecked();
  const cap = place.getByRole('spinbutton', { name: 'Keep them under' });
  await expect(cap).toHaveValue('5120');
  await cap.fill('2048');
  await expect(place.getByText('MB (2.0 GB)')).toBeVisible();
  await expect
    .poll(() => bridge.services.settings.get().extraDestinations?.[0]?.retention.capMegabytes)
    .toBe(2048);
  expect(bridge.services.settings.get().retention.capMegabytes ?? null).toBeNull();

  await settings.getByRole('combobox', { name: 'Test backups' }).selectOption('monthly');
  await expect.poll(() => bridge.services.settings.get().drillSchedule).toBe('monthly');

  const whileClosed = settings.getByRole('checkbox', { name: 'Keep backing up when NoteVault is closed' });
  await whileClosed.click();
  await expect(whileClosed).toBeChecked();
  await expect
    .poll(() => bridge.services.settings.get().backupWhileClosed)
    .toEqual({ enabled: true, whenLoggedOff: false });
  // Not Windows here: the task that runs while logged off is Windows' alone.
  await expect(settings.getByRole('checkbox', { name: 'Also when I am logged off' })).toHaveCount(0);

  writeFileSync(join(usb, 'keep-me.txt'), 'not NoteVault’s');
  await place.getByRole('button', { name: `Remove ${usb}` }).click();
  await expect(places.getByRole('status')).toContainText('the backups already there were left in place');
  await expect(place).toHaveCount(0);
  await expect(add).toBeFocused();
  expect(bridge.services.settings.get().extraDestinations ?? []).toEqual([]);
  expect(readdirSync(usb)).toEqual(['keep-me.txt']);
});

test('Test a restore now: each backup tested says so in the Backups view, a changed file fails naming it, and the next clean-up is shown before it happens', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Shopping list', body: 'eggs, flour' });
  bridge.notes.create({ title: 'Grandma recipe', body: 'two cups of patience' });
  await bridge.dispatch('settings:chooseBackupFolder', undefined);
  const made: string[] = [];
  for (let i = 0; i < 3; i++) {
    const result = await bridge.services.runner.runManual({ passkey: PASSKEY });
    made.push(result.file);
  }
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByRole('row').filter({ hasText: 'Not tested yet' })).toHaveCount(3);

  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });
  const tests = settings.getByRole('group', { name: 'Restore tests' });
  await tests.getByRole('button', { name: 'Test a restore now…' }).click();
  const prompt = page.getByRole('dialog', { name: 'Test a restore now' });
  await prompt.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await prompt.getByRole('button', { name: 'Test' }).click();
  await expect(
    tests.getByText(/^2 backups restored completely, every note as it was backed up\.$/),
  ).toBeVisible({
    timeout: 90_000,
  });

  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const tested = backups.getByRole('row').filter({ hasText: 'Last verified restore: 2 notes, just now' });
  await expect(tested).toHaveCount(2);

  // The newest backup changes on disk after it was made: the next test fails and names it.
  const newest = made[made.length - 1] ?? '';
  const bytes = readFileSync(newest);
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
  writeFileSync(newest, bytes);
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  await tests.getByRole('button', { name: 'Test a restore now…' }).click();
  await prompt.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await prompt.getByRole('button', { name: 'Test' }).click();
  await expect(tests.getByText(/^1 backup of 2 failed the restore test/)).toBeVisible({ timeout: 90_000 });
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const failed = backups.getByRole('row').filter({ hasText: 'Restore test failed:' });
  await expect(failed).toHaveCount(1);
  const name = newest.split(/[\\/]/).pop() ?? '';
  await expect(failed).toContainText(name);
  await failed.getByText('Details', { exact: true }).click();
  await expect(failed.locator('.error-details-text')).toBeVisible();

  // Fewer kept from now on: the view says what the next clean-up removes before it runs.
  await bridge.services.settings.update({ retention: { keepLast: 1 } });
  const preview = backups.getByRole('region', { name: 'Next clean-up' });
  await expect(preview).toContainText(/Next clean-up removes [12] backups?, /);
  await preview.getByText('Backups the next clean-up removes').click();
  await expect(preview.getByRole('listitem').first()).toBeVisible();
  expect(readdirSync(bridge.backupFolder).filter((file) => file.endsWith('.nvbak'))).toHaveLength(3);

  // A place that cannot be read now (an unplugged drive) has its own line and hides nothing.
  const unplugged = join(bridge.backupFolder, '..', 'unplugged-drive');
  await bridge.services.settingsStore.setExtraDestinations([
    { id: 'd0a1b2c3d', folder: unplugged, retention: { keepLast: 10, thinDailyWeekly: false } },
  ]);
  await expect(preview.getByText(`${unplugged}:`)).toBeVisible();
  await expect(preview.getByText(`${bridge.backupFolder}:`)).toBeVisible();
  await expect(preview).toContainText(/Next clean-up removes [12] backups?, /);
  await expect(page.getByRole('alert').filter({ hasText: 'unplugged-drive' })).toHaveCount(0);
});

test('the Backups view follows a restore test that ends while it is open', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Shopping list', body: 'eggs, flour' });
  await bridge.dispatch('settings:chooseBackupFolder', undefined);
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByRole('row').filter({ hasText: 'Not tested yet' })).toHaveCount(1);
  // As a scheduled test would: main runs it and announces drills:didFinish.
  await bridge.services.drills.runNow({ passkey: PASSKEY });
  await expect(
    backups.getByRole('row').filter({ hasText: 'Last verified restore: 1 note, just now' }),
  ).toHaveCount(1);
});

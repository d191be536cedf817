import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';
import { PASSKEY } from './support/scenarios/backup-scenarios';

// Tier 1 through the bridge: the Health view over the app's own services (settings, backup
// history and catalogue on disk, the runner and the destinations' copies with the built job
// worker), each action through the same channel the rest of the window uses.
test.describe.configure({ timeout: 120_000 });

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

const EXTRA_ID = 'd0a1b2c3d';

test('the Health view shows every check with its fix: a failed run, a missing destination caught up, a failed restore test', async ({
  page,
  bridge,
}) => {
  const { services } = bridge;
  bridge.notes.create({ title: 'Shopping list', body: 'eggs, flour' });
  await services.settingsStore.setBackupFolder(bridge.backupFolder);
  // An extra destination whose drive is not plugged in: the folder does not exist yet.
  const usb = join(bridge.userDataDir, '..', 'usb-drive');
  await services.settingsStore.setExtraDestinations([
    { id: EXTRA_ID, folder: usb, retention: { keepLast: 10, thinDailyWeekly: false } },
  ]);
  await services.runner.runManual({ passkey: PASSKEY });
  const [backupName] = readdirSync(bridge.backupFolder).filter((name) => name.endsWith('.nvbak'));
  expect(backupName).toBeDefined();
  // A failed scheduled run, as the scheduler records one.
  const now = bridge.clock.now();
  await services.history.record({
    kind: 'scheduled',
    startedAt: now,
    finishedAt: now + 1,
    ok: false,
    file: null,
    noteCount: null,
    message: 'The backup folder could not be reached.',
    details: 'ENOENT: no such file or directory, open "/media/usb/backups"',
  });

  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Health' }).click();
  const health = page.getByRole('region', { name: 'Health' });
  await expect(health.getByRole('heading', { name: 'Health' })).toBeFocused();
  const attention = health.getByRole('list', { name: 'Needs attention' });
  const failedRun = attention.getByRole('listitem').filter({ hasText: 'The last backup failed' });
  await expect(failedRun).toContainText('Problem');
  await expect(failedRun).toContainText(
    'The last scheduled backup (just now) failed: The backup folder could not be reached.',
  );
  await failedRun.getByText('Details').click();
  await expect(failedRun.getByText('ENOENT: no such file or directory')).toBeVisible();
  const missing = attention.getByRole('listitem').filter({ hasText: `${usb} cannot be reached` });
  await expect(missing).toContainText('Warning');
  await expect(health.getByText(`Last backup in ${bridge.backupFolder}: just now, 1 note.`)).toBeVisible();

  // "Back up now" opens the Backup dialog, which asks for the passkey as the toolbar's does.
  await failedRun.getByRole('button', { name: 'Back up now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Back up your notes' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The drive comes back (the tray's minute refresh notices): the destination lacks the backup,
  // and "Copy missing backups now" is destinations:catchUp.
  mkdirSync(usb);
  await services.health.refresh();
  const behind = attention
    .getByRole('listitem')
    .filter({ hasText: `${usb} does not have the newest backup yet` });
  await expect(behind).toBeVisible();
  await expect(missing).toHaveCount(0);
  await behind.getByRole('button', { name: 'Copy missing backups now' }).click();
  await expect(health.getByRole('status')).toHaveText('Copied 1 backup and checked each copy.');
  expect(existsSync(join(usb, backupName!))).toBe(true);
  await expect(behind).toHaveCount(0);
  await expect(health.getByRole('list', { name: 'Fine' })).toContainText(
    `Last backup in ${usb}: just now, 1 note.`,
  );

  // A restore test that failed (as the drill service records one) appears at once, naming the file.
  const why = `The backup "${backupName}" has changed since it was made (1 byte differs): make a new backup now.`;
  await services.catalogue.recordDrill(backupName!, 'primary', {
    at: bridge.clock.now(),
    ok: false,
    noteCount: null,
    message: why,
  });
  const drill = attention.getByRole('listitem').filter({ hasText: 'Restore test failed' });
  await expect(drill).toContainText(why);
  await expect(attention.getByRole('listitem').first()).toContainText('Problem');

  // "Open Settings" on the missing destination's kind of item goes to Settings.
  rmSync(usb, { recursive: true, force: true });
  await services.health.refresh();
  await attention
    .getByRole('listitem')
    .filter({ hasText: `${usb} cannot be reached` })
    .getByRole('button', { name: 'Open Settings' })
    .click();
  await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();

  // The backups view's banner links to the Health view.
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await backups.getByRole('button', { name: 'Open Health' }).click();
  await expect(page.getByRole('region', { name: 'Health' })).toBeVisible();
  // Escape leaves, and focus goes back to the toolbar's Health button.
  await page.keyboard.press('Escape');
  await expect(app.toolbar.getByRole('button', { name: 'Health' })).toBeFocused();
});

test('"Test a restore now" in the Health view runs a restore test of the newest scheduled backup (drills:runNow)', async ({
  page,
  bridge,
}) => {
  const { services } = bridge;
  bridge.notes.create({ title: 'Shopping list', body: 'eggs, flour' });
  await services.settingsStore.setBackupFolder(bridge.backupFolder);
  // A scheduled backup carries the device key's slot, so an unattended test can open it.
  await services.schedule.enable('daily', PASSKEY);
  await services.runner.runScheduled();
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Health' }).click();
  const health = page.getByRole('region', { name: 'Health' });
  const untested = health.getByRole('listitem').filter({ hasText: 'has never been test-restored' });
  await expect(untested).toContainText('test it now.');
  await untested.getByRole('button', { name: 'Test a restore now' }).click();
  await expect(health.getByRole('status')).toHaveText('Restore test finished: 1 backup passed.', {
    timeout: 60_000,
  });
  await expect(health.getByRole('list', { name: 'Fine' })).toContainText(
    'Last verified restore: 1 note, just now.',
  );
  await expect(untested).toHaveCount(0);
  // All is fine: the summary (the tray's line too) is the last verified restore.
  await expect(health.getByText('Backups are fine. Last verified restore: 1 note, just now.')).toBeVisible();
});

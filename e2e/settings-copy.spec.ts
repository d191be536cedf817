import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';
import { NoteVaultError } from '../src-shared/errors';

// Issue #14: Settings mixed native controls at a smaller font, "keep the newest [10]" had no
// unit, "Turn on scheduled backups" was disabled with no reason, and the Backups view said
// "Choose one in Settings" with nothing to press.
test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

test('Settings: controls at the app size, a unit on every number, a reason beside a disabled button', async ({
  page,
  bridge,
}) => {
  expect(bridge.services.settings.get().backupFolder).toBeNull();
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });

  const keep = settings.getByRole('spinbutton', { name: 'Always keep the newest' });
  await expect(keep).toHaveValue('10');
  await expect(keep).toHaveAccessibleDescription('backups');
  const interval = settings.getByRole('combobox', { name: 'How often' });
  const button = settings.getByRole('button', { name: 'Back to notes' });
  const fontSize = (locator: typeof keep) =>
    locator.evaluate((element) => getComputedStyle(element).fontSize);
  expect(await fontSize(keep)).toBe(await fontSize(button));
  expect(await fontSize(interval)).toBe(await fontSize(button));
  // The unit sits on the field's line, right after it.
  const [field, unit] = await Promise.all([
    keep.boundingBox(),
    settings.getByText('backups', { exact: true }).boundingBox(),
  ]);
  expect(
    Math.abs((field?.y ?? 0) + (field?.height ?? 0) / 2 - ((unit?.y ?? 0) + (unit?.height ?? 0) / 2)),
  ).toBeLessThan(4);
  expect(unit?.x ?? 0).toBeGreaterThan((field?.x ?? 0) + (field?.width ?? 0));

  const turnOn = settings.getByRole('button', { name: 'Turn on scheduled backups' });
  await expect(turnOn).toBeDisabled();
  await expect(settings.getByText('Choose a backups folder first.')).toBeVisible();
  await expect(turnOn).toHaveAccessibleDescription(/^Choose a backups folder first\./);

  // Once a folder is chosen, the button can be pressed and the reason is gone.
  await settings.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(turnOn).toBeEnabled();
  await expect(settings.getByText('Choose a backups folder first.')).toHaveCount(0);
  await keep.fill('1');
  await expect(settings.getByText('backup', { exact: true })).toBeVisible();
});

test('the Backups view\'s "Choose one in Settings" is a button that goes there', async ({ page, bridge }) => {
  expect(bridge.services.settings.get().backupFolder).toBeNull();
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByText('No backup folder is chosen yet.')).toBeVisible();
  await backups.getByRole('button', { name: 'Choose one in Settings' }).click();
  await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();
  await expect(backups).toHaveCount(0);
});

test('"Turn on scheduled backups" says why while the keychain is checked, and when the check failed', async ({
  page,
  bridge,
}) => {
  await bridge.services.settings.chooseBackupFolder();
  // The keychain answers only when the test says so, then fails: what a broken keychain does.
  let fail: (error: Error) => void = () => undefined;
  const answer = new Promise<never>((_, reject) => {
    fail = reject;
  });
  bridge.services.schedule.keychainStatus = () => answer;
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });
  const turnOn = settings.getByRole('button', { name: 'Turn on scheduled backups' });
  await expect(turnOn).toBeDisabled();
  await expect(turnOn).toHaveAccessibleDescription(/^Checking the system keychain…/);
  await expect(settings.getByText('Checking the system keychain…')).toBeVisible();

  fail(new NoteVaultError('IO', 'The system keychain did not answer.'));
  await expect(turnOn).toHaveAccessibleDescription(
    /^NoteVault could not check the system keychain\. Open Settings again to retry\./,
  );
  await expect(turnOn).toBeDisabled();
  // The router logs the failed check; it is the fault this test made, not a problem to report.
  expect(bridge.logged.every((line) => line.includes('schedule:keychainStatus'))).toBe(true);
  bridge.logged.splice(0);
});

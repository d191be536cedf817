import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';
import { parseRecoveryCode } from '../src-shared/recovery-code';
import { readBackupKeys } from '../src-main/backup/keys/backup-keys-file';

// Issue #16: Settings makes a recovery code, shows it once with a printable sheet, and a
// replace or revoke is confirmed in main's own dialog. The real services under the bridge;
// only the native confirmation is answered by the test.
test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

test.beforeEach(async ({ page }) => {
  // The system print dialog cannot be driven from a test: count the calls instead.
  await page.addInitScript(() => {
    const counted = window as unknown as { printCalls: number };
    counted.printCalls = 0;
    window.print = () => {
      counted.printCalls += 1;
    };
  });
});

test('create a recovery code: explained first, shown once, printable, closed only once saved', async ({
  page,
  bridge,
}) => {
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });
  await expect(settings.getByText('No recovery code yet.')).toBeVisible();
  await settings.getByRole('button', { name: 'Create a recovery code…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Create a recovery code' });
  await expect(dialog.getByText(/A recovery code is a second way into your backups/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Create recovery code' }).click();

  const shown = page.getByRole('dialog', { name: 'Your recovery code' });
  const groups = shown.locator('.recovery-code-groups');
  await expect(groups).toBeVisible();
  const code = (await groups.innerText()).replace(/\s+/g, '');
  // What is shown is a whole, valid code, and it is the one main keeps the public key of.
  expect(code).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
  expect(parseRecoveryCode(code).ok).toBe(true);
  expect((await readBackupKeys(bridge.userDataDir)).recoveryCode).not.toBeNull();
  // First a new code asks nothing in main's dialog: nothing is taken away.
  expect(bridge.dialogs.asked).toEqual([]);

  await shown.getByRole('button', { name: 'Print recovery sheet' }).click();
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  const sheet = page.locator('.recovery-sheet');
  await expect(sheet).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  // Printed, the sheet is all there is: the code, what it opens and cannot, how to restore.
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('.recovery-code-groups')).toHaveText(code);
  await expect(sheet.getByRole('heading', { name: 'What it cannot open' })).toBeVisible();
  await expect(sheet.getByText(/Use a recovery code instead/)).toBeVisible();
  await expect(sheet.getByText(/docs\/backup-format\.md/)).toBeVisible();
  await expect(shown).toBeHidden();
  await expect(page.locator('#root')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(sheet).toBeHidden();

  // Not closed by Escape or Done until the box is ticked.
  const done = shown.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();
  await expect(done).toHaveAccessibleDescription(/Tick the box once the code is saved/);
  await page.keyboard.press('Escape');
  await expect(shown).toBeVisible();
  await shown.getByRole('checkbox', { name: 'I have saved or printed it' }).check();
  await done.click();
  await expect(shown).toBeHidden();
  // Gone from the page once closed.
  await expect(page.locator('.recovery-sheet')).toHaveCount(0);
  await expect(settings.getByText(/Your recovery code was created/)).toBeVisible();
  await expect(settings.getByRole('button', { name: 'Replace recovery code…' })).toBeFocused();
});

test('replace and revoke ask in main\'s own dialog; a "no" changes nothing', async ({ page, bridge }) => {
  const first = await bridge.services.recoveryCodes.create();
  expect(first).not.toBeNull();
  const before = (await readBackupKeys(bridge.userDataDir)).recoveryCode;
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });

  bridge.dialogs.confirm = false;
  await settings.getByRole('button', { name: 'Replace recovery code…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace your recovery code' });
  await dialog.getByRole('button', { name: 'Replace recovery code' }).click();
  await expect(dialog.getByText('Nothing was changed: your recovery code stays as it was.')).toBeVisible();
  expect(bridge.dialogs.asked.map((q) => q.message)).toEqual(['Replace your recovery code?']);
  expect(bridge.dialogs.asked[0]?.detail).toMatch(
    /No backup in the backup folder opens with the current code/,
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await settings.getByRole('button', { name: 'Revoke recovery code…' }).click();
  await expect.poll(() => bridge.dialogs.asked.length).toBe(2);
  expect(bridge.dialogs.asked[1]?.message).toBe('Revoke your recovery code?');
  expect((await readBackupKeys(bridge.userDataDir)).recoveryCode).toEqual(before);

  bridge.dialogs.confirm = true;
  await settings.getByRole('button', { name: 'Revoke recovery code…' }).click();
  await expect(
    settings.getByRole('status').filter({ hasText: 'New backups no longer open with the recovery code' }),
  ).toBeVisible();
  expect((await readBackupKeys(bridge.userDataDir)).recoveryCode).toBeNull();
  await expect(settings.getByRole('button', { name: 'Create a recovery code…' })).toBeFocused();
});

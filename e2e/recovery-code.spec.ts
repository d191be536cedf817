import { join } from 'node:path';
import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';
import { parseRecoveryCode } from '../src-shared/recovery-code';
import { readBackupKeys } from '../src-main/backup/keys/backup-keys-file';
import { PASSKEY } from './support/scenarios/backup-scenarios';

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

  // The app's window refuses every permission (harden-session.ts), the clipboard's too: Copy
  // then selects the code for Ctrl+C and says so.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Refused', 'NotAllowedError'));
  });
  await shown.getByRole('button', { name: 'Copy code' }).click();
  await expect(shown.getByRole('status')).toHaveText(/^The code is selected: press Ctrl\+C/);
  expect((await page.evaluate(() => window.getSelection()?.toString() ?? '')).replace(/\s+/g, '')).toBe(code);

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

test('restore a backup with the recovery code instead of its passkey, each group checked as typed', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Backed up', body: 'kept by the code' });
  expect(await bridge.dispatch('settings:chooseBackupFolder', undefined)).toMatchObject({ ok: true });
  const created = await bridge.services.recoveryCodes.create();
  const code = created?.code ?? '';
  const made = await bridge.dispatch('backup:create', { passkey: PASSKEY });
  expect(made).toMatchObject({ ok: true });
  const { fileName } = (made as { value: { fileName: string } }).value;
  bridge.notes.create({ title: 'Written after', body: '' });

  const app = new NotesPage(page);
  await app.open();
  bridge.dialogs.backupFile = join(bridge.backupFolder, fileName);
  await app.toolbar.getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
  await dialog.getByRole('button', { name: 'Choose backup file…' }).click();
  await dialog.getByRole('button', { name: 'Use a recovery code instead' }).click();
  const field = dialog.getByRole('textbox', { name: 'Recovery code' });
  await expect(field).toBeFocused();
  const show = dialog.getByRole('button', { name: 'Show what is inside' });
  // A typo in group 2 is named as soon as that group is typed, before the rest.
  const typo = `${code.slice(0, 6)}${code[6] === 'Z' ? 'Y' : 'Z'}${code.slice(7, 11)}`;
  await field.fill(typo);
  await expect(dialog.getByText(/^Group 2 of the recovery code has a mistyped character/)).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(show).toBeDisabled();
  await field.fill(code.toLowerCase().replaceAll('-', ' '));
  await expect(dialog.getByText('The code is complete and every group checks out.')).toBeVisible();
  await show.click();
  await expect(dialog.getByRole('heading', { name: '1 note disappears' })).toBeVisible({ timeout: 30_000 });
  // A recovery code is no passkey: the copy of the current notes is never "under the same one"
  // (with backup-keys.json it is under the kept public keys, so nothing is asked at all).
  await expect(dialog.getByRole('checkbox', { name: /Use the same passkey/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Replace my notes' }).click();
  await expect(dialog.getByText('Restored 1 note.')).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => app.entryTitles()).toEqual(['Backed up']);
});

test('browse a backup with the recovery code; main checks a code again, whatever the window sent', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Backed up', body: 'kept by the code' });
  expect(await bridge.dispatch('settings:chooseBackupFolder', undefined)).toMatchObject({ ok: true });
  const code = (await bridge.services.recoveryCodes.create())?.code ?? '';
  const made = await bridge.dispatch('backup:create', { passkey: PASSKEY });
  const { fileName } = (made as { ok: true; value: { fileName: string } }).value;

  // A code with a typo in its last group, sent past the window's own check: main names the group.
  const typo = `${code.slice(0, -1)}${code.endsWith('Z') ? 'Y' : 'Z'}`;
  expect(await bridge.dispatch('browse:open', { name: fileName, recoveryCode: typo })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: expect.stringMatching(/^Group 8 of the recovery code/) },
  });

  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await backups.getByRole('button', { name: /^Browse backup of/ }).click();
  const prompt = page.getByRole('dialog', { name: 'Browse a backup' });
  await prompt.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await prompt.getByRole('textbox', { name: 'Recovery code' }).fill(code);
  await prompt.getByRole('button', { name: 'Open' }).click();
  const browse = page.getByRole('region', { name: /^Backup of/ });
  await expect(browse.getByRole('list', { name: 'Notes in this backup' }).getByRole('listitem')).toHaveCount(
    1,
    { timeout: 30_000 },
  );
});

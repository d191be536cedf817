import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';
import { v2BackupsFor, whichPasskeyOpens } from './support/v2-backups';

// Issue #16: Settings → Change passkey gives every backup in the backup folder the new passkey,
// after main's own question, and says what happened in plain sentences. The real job worker
// rewrites the real backups; only the native confirmation is answered by the test.
// Each test makes real v2 backups and runs Argon2id twice in the worker: 25 s under load on two
// workers, near the default 30 s.
test.describe.configure({ timeout: 60_000 });

const PASSKEY = 'copper kettle wanders past midnight';
const NEW_PASSKEY = 'lantern orbit maple seventeen drift';

/** `count` v2 backups in the backup folder for PASSKEY, which backup-keys.json names as the current one. */
async function v2Backups(bridge: NotevaultBridge, count: number): Promise<string[]> {
  expect(await bridge.dispatch('settings:chooseBackupFolder', undefined)).toMatchObject({ ok: true });
  return v2BackupsFor(PASSKEY, bridge.backupFolder, bridge.userDataDir, count);
}

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

test('change the passkey of the backups: asked in main, progress, then the result in sentences', async ({
  page,
  bridge,
}) => {
  const files = await v2Backups(bridge, 2);
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Change passkey…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your passkey' });
  const current = dialog.getByLabel('Current passkey');
  await expect(current).toBeFocused();
  const submit = dialog.getByRole('button', { name: 'Change passkey' });
  await expect(submit).toHaveAccessibleDescription('Type your current passkey.');
  await current.fill(PASSKEY);
  await dialog.getByLabel('New passkey', { exact: true }).fill(PASSKEY);
  await expect(submit).toHaveAccessibleDescription(/the same as the current one/);
  // The rule of every new passkey: a weak one is refused with zxcvbn's reason.
  await dialog.getByLabel('New passkey', { exact: true }).fill('password1');
  await expect(submit).toBeDisabled();
  await dialog.getByLabel('New passkey', { exact: true }).fill(NEW_PASSKEY);
  await dialog.getByLabel('New passkey again').fill(NEW_PASSKEY);
  await expect(dialog.getByText(/Strength: (Strong|Very strong)\./)).toBeVisible();

  // A "no" in main's dialog changes nothing.
  bridge.dialogs.confirm = false;
  await submit.click();
  await expect(dialog.getByText('Nothing was changed: your backups keep their passkey.')).toBeVisible();
  expect(bridge.dialogs.asked.map((q) => q.message)).toEqual(['Change the passkey of your backups?']);
  expect(bridge.dialogs.asked[0]?.detail).toContain(bridge.backupFolder);
  expect(bridge.dialogs.asked[0]?.detail).toMatch(/Copies kept anywhere else .* are not changed/);
  for (const file of files) expect(await whichPasskeyOpens(file, [PASSKEY, NEW_PASSKEY])).toBe(PASSKEY);

  bridge.dialogs.confirm = true;
  await submit.click();
  const status = dialog.getByRole('status');
  await expect(status).toContainText(
    'Your passkey is changed: 2 backups in your backup folder now open with the new passkey',
    { timeout: 60_000 },
  );
  await expect(status).toContainText(/It took \d+(\.\d)? s\./);
  await expect(status).toContainText('still open with the old passkey only');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

  // The backups open with the new passkey now, and no longer with the old one.
  for (const file of files) expect(await whichPasskeyOpens(file, [PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(settings.getByRole('button', { name: 'Change passkey…' })).toBeFocused();
});

test('a wrong current passkey changes nothing and says so', async ({ page, bridge }) => {
  const [file = ''] = await v2Backups(bridge, 1);
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Change passkey…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your passkey' });
  await dialog.getByLabel('Current passkey').fill('not my passkey at all');
  await dialog.getByLabel('New passkey', { exact: true }).fill(NEW_PASSKEY);
  await dialog.getByLabel('New passkey again').fill(NEW_PASSKEY);
  await dialog.getByRole('button', { name: 'Change passkey' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    /^That is not your current passkey, so nothing was changed\./,
    {
      timeout: 60_000,
    },
  );
  await expect(dialog.getByRole('button', { name: 'Try again' })).toBeFocused();
  expect(await whichPasskeyOpens(file, [PASSKEY, NEW_PASSKEY])).toBe(PASSKEY);
});

test('Escape stops a passkey change between two backups; each opens with one of the two passkeys', async ({
  page,
  bridge,
}) => {
  const files = await v2Backups(bridge, 40);
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Change passkey…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your passkey' });
  await dialog.getByLabel('Current passkey').fill(PASSKEY);
  await dialog.getByLabel('New passkey', { exact: true }).fill(NEW_PASSKEY);
  await dialog.getByLabel('New passkey again').fill(NEW_PASSKEY);
  await dialog.getByRole('button', { name: 'Change passkey' }).click();
  // The progress is a named bar and a polite live line; Cancel has focus while it runs.
  await expect(dialog.getByRole('progressbar', { name: 'Passkey change progress' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  // Whether the job had started or main was still starting it, the change stops.
  await expect(dialog.getByRole('alert')).toHaveText(
    /^The passkey change was (stopped after \d+ of 40 backups|cancelled before it started)/,
    { timeout: 60_000 },
  );
  await expect(dialog.getByRole('button', { name: 'Try again' })).toBeFocused();
  const opens = await Promise.all(files.map((file) => whichPasskeyOpens(file, [PASSKEY, NEW_PASSKEY])));
  expect(opens.filter((passkey) => passkey !== PASSKEY && passkey !== NEW_PASSKEY)).toEqual([]);
  // Stopped before the end: some still have the old passkey.
  expect(opens).toContain(PASSKEY);
});

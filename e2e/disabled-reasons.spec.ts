import { expect } from '@playwright/test';
import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';
import {
  PASSKEY,
  backupDialog,
  backupThroughApp,
  chooseBackupFolder,
} from './support/scenarios/backup-scenarios';

// Tier 1, issue #14: "a reason beside every disabled button", an empty passkey included: the
// reason is visible and is the button's accessible description, so a screen reader hears it on
// the button itself. The real router, database and job worker answer.
test.describe.configure({ timeout: 60_000 });
test.afterEach(({ access }) => expectNoRouterProblems(access));

test('Start backup, disabled before a passkey is typed, says why', async ({ access }) => {
  access.seed((notes) => notes.create({ title: 'Groceries', body: 'oat milk' }));
  const app = await access.open();
  await chooseBackupFolder(access);
  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = backupDialog(app.page);
  const start = dialog.getByRole('button', { name: 'Start backup' });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAccessibleDescription('Enter a passkey.');
  await expect(dialog.getByText('Enter a passkey.')).toBeVisible();
});

test('Verify, Open and Turn on say why they are disabled while the passkey is empty or not repeated', async ({
  access,
}) => {
  access.seed((notes) => notes.create({ title: 'Groceries', body: 'oat milk' }));
  const app = await access.open();
  await backupThroughApp(access);
  const page = app.page;
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  const row = backups.getByRole('row').filter({ hasText: 'Manual' });

  await row.getByRole('button', { name: /^Verify backup of/ }).click();
  const verifyPrompt = page.getByRole('dialog', { name: 'Verify a backup' });
  const verify = verifyPrompt.getByRole('button', { name: 'Verify' });
  await expect(verify).toBeDisabled();
  await expect(verify).toHaveAccessibleDescription('Type a passkey to go on.');
  await verifyPrompt.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await expect(verify).toBeEnabled();
  await expect(verify).toHaveAccessibleDescription('');
  await verifyPrompt.getByRole('button', { name: 'Cancel' }).click();

  await row.getByRole('button', { name: /^Browse backup of/ }).click();
  const openPrompt = page.getByRole('dialog', { name: 'Browse a backup' });
  const open = openPrompt.getByRole('button', { name: 'Open' });
  await expect(open).toBeDisabled();
  await expect(open).toHaveAccessibleDescription('Type a passkey to go on.');
  await openPrompt.getByRole('button', { name: 'Cancel' }).click();

  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Turn on scheduled backups' }).click();
  const turnOnPrompt = page.getByRole('dialog', { name: 'Turn on scheduled backups' });
  const turnOn = turnOnPrompt.getByRole('button', { name: 'Turn on' });
  await expect(turnOn).toBeDisabled();
  await expect(turnOn).toHaveAccessibleDescription('Type a passkey to go on.');
  await turnOnPrompt.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await expect(turnOn).toHaveAccessibleDescription('Type the same passkey again.', { timeout: 15_000 });
  await turnOnPrompt.getByLabel('Passkey again').fill(PASSKEY);
  await expect(turnOn).toBeEnabled({ timeout: 15_000 });
});

test("Show what is inside, disabled before the backup's passkey is typed, says why", async ({ access }) => {
  access.seed((notes) => notes.create({ title: 'Groceries', body: 'oat milk' }));
  const app = await access.open();
  const file = await backupThroughApp(access);
  await access.answerBackupFileDialog(file);
  await app.toolbar.getByRole('button', { name: 'Restore…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Restore from a backup' });
  await dialog.getByRole('button', { name: 'Choose backup file…' }).click();
  const show = dialog.getByRole('button', { name: 'Show what is inside' });
  await expect(show).toBeDisabled();
  await expect(show).toHaveAccessibleDescription('Type the passkey of this backup to go on.');
  await dialog.getByLabel('Passkey of this backup').fill(PASSKEY);
  await expect(show).toBeEnabled();
  await expect(show).toHaveAccessibleDescription('');
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';
import { componentsHolding } from './support/react-state-scan';

// Tier 1: a passkey typed into the backup or restore dialog is gone from the page's memory
// (React state and props) once the dialog closes, and the field is empty when it reopens.
test.afterEach(({ access }) => expectNoRouterProblems(access));

const SECRET = 'lantern-quokka-meridian-0413';

test('the backup dialog forgets its passkey when it closes', async ({ access }) => {
  const app = await access.open();
  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Back up your notes' });
  await dialog.getByLabel('Passkey', { exact: true }).fill(SECRET);
  await dialog.getByLabel('Passkey again').fill(SECRET);
  expect(await componentsHolding(app.page, SECRET)).not.toEqual([]);

  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect.poll(() => componentsHolding(app.page, SECRET)).toEqual([]);

  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  await expect(dialog.getByLabel('Passkey', { exact: true })).toHaveValue('');
  await expect(dialog.getByLabel('Passkey again')).toHaveValue('');
});

test('the restore dialog forgets its passkey when it closes', async ({ access }) => {
  const file = join(access.backupFolder, 'chosen.nvbak');
  writeFileSync(file, 'not read before the preview');
  const app = await access.open();
  await access.answerBackupFileDialog(file);
  await app.toolbar.getByRole('button', { name: 'Restore…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Restore from a backup' });
  await dialog.getByRole('button', { name: 'Choose backup file…' }).click();
  await dialog.getByLabel('Passkey of this backup').fill(SECRET);
  expect(await componentsHolding(app.page, SECRET)).not.toEqual([]);

  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect.poll(() => componentsHolding(app.page, SECRET)).toEqual([]);

  await app.toolbar.getByRole('button', { name: 'Restore…' }).click();
  await dialog.getByRole('button', { name: 'Choose backup file…' }).click();
  await expect(dialog.getByLabel('Passkey of this backup')).toHaveValue('');
});

import { expect } from '@playwright/test';
import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';

// Tier 1: a confirmation gives focus back to the button that asked it, as the backup and
// restore dialogs do, so a keyboard user carries on from where they were.
test.afterEach(({ access }) => expectNoRouterProblems(access));

test('closing a confirmation gives focus back to the button that opened it', async ({ access }) => {
  access.seed((notes) => {
    for (const title of ['One', 'Two']) notes.trash(notes.create({ title, body: '' }).id);
  });
  const app = await access.open();
  const page = app.page;
  await app.trashButton.click();

  const emptyTrash = app.trash.getByRole('button', { name: 'Empty trash' });
  await emptyTrash.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Empty the trash?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(emptyTrash).toBeFocused();

  const deleteOne = app.trash.getByRole('button', { name: 'Delete One forever' });
  await deleteOne.click();
  const purge = page.getByRole('dialog', { name: 'Delete this note forever?' });
  await purge.getByRole('button', { name: 'Cancel' }).click();
  await expect(purge).toBeHidden();
  await expect(deleteOne).toBeFocused();
});

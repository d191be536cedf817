import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Issue #14: the first launch showed two small grey lines and no invitation to set up backups.
const PASSKEY = 'lantern orchard drifts over granite';

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

test('a first launch welcomes, and Set up backups chooses the folder, the passkey and the schedule in one flow', async ({
  page,
  bridge,
}) => {
  const app = new NotesPage(page);
  await app.open();
  const welcome = page.getByRole('region', { name: 'Welcome to NoteVault' });
  await expect(welcome).toContainText('NoteVault keeps your notes on this computer');
  await welcome.getByRole('button', { name: 'Set up backups' }).click();

  const dialog = page.getByRole('dialog', { name: 'Set up backups' });
  await expect(dialog.getByRole('button', { name: 'Next' })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Next' })).toHaveAccessibleDescription(
    'Choose a folder to go on.',
  );
  await dialog.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(dialog.getByText(bridge.backupFolder)).toBeVisible();
  await dialog.getByRole('button', { name: 'Next' }).click();

  // The shared strength rule: a guessable passkey is refused, with the reason beside the button.
  const turnOn = dialog.getByRole('button', { name: 'Turn on scheduled backups' });
  await dialog.getByLabel('Passkey', { exact: true }).fill('password1');
  await dialog.getByLabel('Passkey again').fill('password1');
  await expect(turnOn).toBeDisabled();
  await expect(turnOn).toHaveAccessibleDescription(/too easy to guess/);
  await dialog.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await dialog.getByLabel('Passkey again').fill(PASSKEY);
  await dialog.getByRole('combobox', { name: 'How often' }).selectOption('weekly');
  await turnOn.click();
  await expect(dialog.getByRole('status')).toHaveText(
    `Backups are set up: every week to ${bridge.backupFolder}. You can change this in Settings.`,
    { timeout: 30_000 },
  );
  // The page sends welcomeDismissed without waiting for its answer, so main may record it just
  // after the status shows.
  await expect
    .poll(() => bridge.services.settings.get())
    .toMatchObject({ backupFolder: bridge.backupFolder, schedule: 'weekly', welcomeDismissed: true });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(welcome).toHaveCount(0);
  // Focus is not lost with the welcome: it goes to New note.
  await expect(app.newNoteButton).toBeFocused();
});

test('Not now is remembered through the main process; notes or a chosen folder hide the welcome', async ({
  page,
  bridge,
}) => {
  const app = new NotesPage(page);
  await app.open();
  const welcome = page.getByRole('region', { name: 'Welcome to NoteVault' });
  await welcome.getByRole('button', { name: 'Not now' }).click();
  await expect(welcome).toHaveCount(0);
  await expect.poll(() => bridge.services.settings.get().welcomeDismissed).toBe(true);
  await page.reload();
  await app.waitUntilReady();
  await expect(page.getByText('Select a note, or press Ctrl+N to write a new one.')).toBeVisible();
  await expect(welcome).toHaveCount(0);
});

test('no welcome when there are notes already', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Existing', body: '' });
  const app = new NotesPage(page);
  await app.open();
  await expect(app.entry('Existing')).toBeVisible();
  await expect(page.getByText('Select a note, or press Ctrl+N to write a new one.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome to NoteVault' })).toHaveCount(0);
});

import { join } from 'node:path';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/notes';
import { NotesPage } from '../support/notes-page';
import { expect, skipWithoutElectron, test } from './electron-app';

/**
 * The tier-1 notes scenarios (e2e/notes.spec.ts) against the real app: Electron's window,
 * the sandboxed preload, real IPC with the sender check, and the main process's database.
 * Notes are seeded through the test's own connection to the app's database before launch.
 */
test.describe('notes in the Electron app', () => {
  skipWithoutElectron();

  test.afterEach(({ electron }) => {
    // Nothing in these scenarios should reach the router's refusal or failure paths.
    expect(electron.logged).toEqual([]);
  });

  test('new notes appear in the list and are stored in the database', async ({ electron }) => {
    const app = new NotesPage(await electron.launch());
    await expect(app.page.getByText('No notes yet. Press Ctrl+N to write one.')).toBeVisible();

    await app.createNote('Groceries', 'milk and eggs');
    await app.createNote('Ideas', 'a garden shed');

    await expect.poll(() => app.entryTitles()).toEqual(['Ideas', 'Groceries']);
    await expect(app.entry('Ideas')).toHaveAttribute('aria-current', 'true');
    const stored = electron.notes.list().items.map((note) => [note.title, note.body]);
    expect(stored).toEqual([
      ['Ideas', 'a garden shed'],
      ['Groceries', 'milk and eggs'],
    ]);
  });

  test('edits are saved as you type, shown as Saving… then Saved at HH:MM', async ({ electron }) => {
    const note = electron.notes.create({ title: 'Draft', body: 'first words' });
    const app = new NotesPage(await electron.launch());
    await app.entry('Draft').click();
    await expect(app.body).toHaveValue('first words');

    await app.body.press('End');
    await app.body.pressSequentially(' and more', { delay: 20 });
    await expect(app.saveStatus).toHaveText('Saving…');
    await app.waitUntilSaved();
    expect(electron.notes.get(note.id).body).toBe('first words and more');

    await app.title.fill('Final draft');
    await app.waitUntilSaved();
    expect(electron.notes.get(note.id).title).toBe('Final draft');
    await expect(app.entry('Final draft')).toBeVisible();
  });

  test('search lists matching notes with the matches highlighted', async ({ electron }) => {
    electron.notes.create({ title: 'Bread', body: 'A sourdough recipe with rye flour' });
    electron.notes.create({ title: 'Chores', body: 'fix the shed' });
    const app = new NotesPage(await electron.launch());

    await app.search.fill('sourdough');
    await expect.poll(() => app.entryTitles()).toEqual(['Bread']);
    await expect(app.list.locator('mark')).toHaveText(['sourdough']);
    const listText = await app.list.textContent();
    expect(listText).not.toContain(HIGHLIGHT_START);
    expect(listText).not.toContain(HIGHLIGHT_END);

    await app.search.fill('nothing-like-this');
    await expect(app.page.getByText('No notes match your search.')).toBeVisible();
    await app.search.fill('');
    await expect.poll(() => app.entryTitles()).toEqual(['Chores', 'Bread']);
  });

  test('a pinned note moves to the top of the list', async ({ electron }) => {
    const older = electron.notes.create({ title: 'Older', body: '', createdAt: Date.now() - 60_000 });
    electron.notes.create({ title: 'Newer', body: '' });
    const app = new NotesPage(await electron.launch());
    await expect.poll(() => app.entryTitles()).toEqual(['Newer', 'Older']);

    await app.entry('Older').click();
    await app.pinButton.click();
    await expect(app.pinButton).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => app.entryTitles()).toEqual(['Older', 'Newer']);
    await expect(app.entry('Older').getByText('Pinned:')).toBeAttached();
    expect(electron.notes.get(older.id).pinned).toBe(true);
  });

  test('a trashed note can be restored from the trash view', async ({ electron }) => {
    const note = electron.notes.create({ title: 'Keep me', body: 'important' });
    const app = new NotesPage(await electron.launch());
    await app.entry('Keep me').click();
    await app.moveToTrashButton.click();

    await expect(app.entry('Keep me')).toHaveCount(0);
    await expect(app.trashButton).toHaveText('Trash (1)');
    expect(electron.notes.get(note.id).trashedAt).not.toBeNull();

    await app.trashButton.click();
    await expect(app.trash.getByText('Keep me')).toBeVisible();
    await app.trash.getByRole('button', { name: 'Restore Keep me' }).click();
    await expect(app.trash.getByText('The trash is empty.')).toBeVisible();
    await expect(app.entry('Keep me')).toBeVisible();
    expect(electron.notes.get(note.id).trashedAt).toBeNull();
  });

  test('deleting forever and emptying the trash ask first', async ({ electron }) => {
    for (const title of ['One', 'Two', 'Three'])
      electron.notes.trash(electron.notes.create({ title, body: '' }).id);
    const app = new NotesPage(await electron.launch());
    const page = app.page;
    await app.trashButton.click();

    await app.trash.getByRole('button', { name: 'Delete One forever' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this note forever?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(electron.notes.count({ trashed: true })).toBe(3);

    await app.trash.getByRole('button', { name: 'Delete One forever' }).click();
    await dialog.getByRole('button', { name: 'Delete forever' }).click();
    await expect(app.trash.getByText('One', { exact: true })).toHaveCount(0);
    expect(electron.notes.count({ trashed: true })).toBe(2);

    await app.trash.getByRole('button', { name: 'Empty trash' }).click();
    const emptyDialog = page.getByRole('dialog', { name: 'Empty the trash?' });
    await expect(emptyDialog).toContainText('All 2 notes in the trash will be deleted forever.');
    await emptyDialog.getByRole('button', { name: 'Empty trash' }).click();
    await expect(app.trash.getByText('The trash is empty.')).toBeVisible();
    await expect(app.trashButton).toHaveText('Trash');
    expect(electron.notes.count({ trashed: true })).toBe(0);
  });

  test('keyboard only: create, type, search and open a note', async ({ electron }) => {
    const app = new NotesPage(await electron.launch());
    const keyboard = app.page.keyboard;

    await keyboard.press('Control+N');
    await expect(app.title).toBeFocused();
    await keyboard.type('Holiday plan');
    await keyboard.press('Tab');
    await expect(app.body).toBeFocused();
    await keyboard.type('Book the ferry to the islands');
    await app.waitUntilSaved();

    await keyboard.press('Control+N');
    await expect(app.title).toBeFocused();
    await keyboard.type('Work');
    await app.waitUntilSaved();

    await keyboard.press('Control+F');
    await expect(app.search).toBeFocused();
    await keyboard.type('ferry');
    await expect.poll(() => app.entryTitles()).toEqual(['Holiday plan']);
    await keyboard.press('ArrowDown');
    await expect(app.entry('Holiday plan')).toBeFocused();
    const outline = await app
      .entry('Holiday plan')
      .evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).toBe('solid');
    await keyboard.press('Enter');
    await expect(app.title).toHaveValue('Holiday plan');
    await expect(app.body).toHaveValue('Book the ferry to the islands');

    expect(
      electron.notes
        .list()
        .items.map((note) => note.title)
        .sort(),
    ).toEqual(['Holiday plan', 'Work']);
  });

  test('an error from the main process is shown as a readable alert', async ({ electron }) => {
    const note = electron.notes.create({ title: 'Plain', body: '' });
    const app = new NotesPage(await electron.launch());
    await app.entry('Plain').click();
    // U+0002 is reserved for search highlights: the repository refuses it with VALIDATION.
    await app.body.focus();
    await app.page.keyboard.insertText(`bad ${HIGHLIGHT_START} text`);
    await expect(app.alert).toContainText('reserves for search highlights');
    await expect(app.saveStatus).toHaveText('Not saved');
    expect(electron.notes.get(note.id).body).toBe('');

    await app.alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(app.alert).toHaveCount(0);
  });

  test('a change made past the UI reaches it through notes:didChange', async ({ electron }) => {
    const app = new NotesPage(await electron.launch());
    await expect(app.page.getByText('No notes yet. Press Ctrl+N to write one.')).toBeVisible();
    // Through the preload's transport directly, so only the main process's event can tell the UI.
    const result = await electron.dispatch('notes:create', { title: 'Arrived elsewhere', body: '' });
    expect(result.ok).toBe(true);
    await expect(app.entry('Arrived elsewhere')).toBeVisible();
  });

  test('screenshots of the Electron window in light and dark themes', async ({ electron }, testInfo) => {
    electron.notes.create({
      title: 'Groceries',
      body: 'Oat milk, eggs, sourdough bread',
      createdAt: Date.now() - 60_000,
    });
    electron.notes.create({
      title: 'Welcome to NoteVault',
      body: 'Notes live on this computer.',
      pinned: true,
    });
    electron.notes.create({ title: 'Bread recipe', body: 'Sourdough: 500 g flour, 350 g water, 10 g salt' });
    const app = new NotesPage(await electron.launch());
    await app.entry('Groceries').click();

    const folder = join(testInfo.project.outputDir, 'screenshots');
    for (const colorScheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme });
      const path = join(folder, `electron-main-window-${colorScheme}.png`);
      await app.page.screenshot({ path });
      await testInfo.attach(`electron-main-window-${colorScheme}`, { path, contentType: 'image/png' });
    }
  });
});

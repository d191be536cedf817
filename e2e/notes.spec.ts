import { join } from 'node:path';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../src-shared/notes';
import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';

test.afterEach(({ bridge }) => {
  // Nothing in these scenarios should reach the router's refusal or failure paths.
  expect(bridge.logged).toEqual([]);
});

test('new notes appear in the list and are stored in the database', async ({ page, bridge }) => {
  const app = new NotesPage(page);
  await app.open();
  await expect(page.getByText('No notes yet. Press Ctrl+N to write one.')).toBeVisible();

  await app.createNote('Groceries', 'milk and eggs');
  await app.createNote('Ideas', 'a garden shed');

  await expect.poll(() => app.entryTitles()).toEqual(['Ideas', 'Groceries']);
  await expect(app.entry('Ideas')).toHaveAttribute('aria-current', 'true');
  const stored = bridge.notes.list().items.map((note) => [note.title, note.body]);
  expect(stored).toEqual([
    ['Ideas', 'a garden shed'],
    ['Groceries', 'milk and eggs'],
  ]);
});

test('edits are saved as you type, shown as Saving… then Saved at HH:MM', async ({ page, bridge }) => {
  const note = bridge.notes.create({ title: 'Draft', body: 'first words' });
  const app = new NotesPage(page);
  await app.open();
  await app.entry('Draft').click();
  await expect(app.body).toHaveValue('first words');

  await app.body.press('End');
  await app.body.pressSequentially(' and more', { delay: 20 });
  await expect(app.saveStatus).toHaveText('Saving…');
  await app.waitUntilSaved();
  expect(bridge.notes.get(note.id).body).toBe('first words and more');

  await app.title.fill('Final draft');
  await app.waitUntilSaved();
  expect(bridge.notes.get(note.id).title).toBe('Final draft');
  await expect(app.entry('Final draft')).toBeVisible();
});

test('search lists matching notes with the matches highlighted', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Bread', body: 'A sourdough recipe with rye flour' });
  bridge.notes.create({ title: 'Chores', body: 'fix the shed' });
  const app = new NotesPage(page);
  await app.open();

  await app.search.fill('sourdough');
  await expect.poll(() => app.entryTitles()).toEqual(['Bread']);
  const marks = app.list.locator('mark');
  await expect(marks).toHaveText(['sourdough']);
  // The control characters were turned into elements, not shown as text.
  const listText = await app.list.textContent();
  expect(listText).not.toContain(HIGHLIGHT_START);
  expect(listText).not.toContain(HIGHLIGHT_END);

  await app.search.fill('nothing-like-this');
  await expect(page.getByText('No notes match your search.')).toBeVisible();
  await app.search.fill('');
  await expect.poll(() => app.entryTitles()).toEqual(['Chores', 'Bread']);
});

test('a pinned note moves to the top of the list', async ({ page, bridge }) => {
  const older = bridge.notes.create({ title: 'Older', body: '', createdAt: Date.now() - 60_000 });
  bridge.notes.create({ title: 'Newer', body: '' });
  const app = new NotesPage(page);
  await app.open();
  await expect.poll(() => app.entryTitles()).toEqual(['Newer', 'Older']);

  await app.entry('Older').click();
  await app.pinButton.click();
  await expect(app.pinButton).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => app.entryTitles()).toEqual(['Older', 'Newer']);
  await expect(app.entry('Older').getByText('Pinned:')).toBeAttached();
  expect(bridge.notes.get(older.id).pinned).toBe(true);
});

test('a trashed note can be restored from the trash view', async ({ page, bridge }) => {
  const note = bridge.notes.create({ title: 'Keep me', body: 'important' });
  const app = new NotesPage(page);
  await app.open();
  await app.entry('Keep me').click();
  await app.moveToTrashButton.click();

  await expect(app.entry('Keep me')).toHaveCount(0);
  await expect(app.trashButton).toHaveText('Trash (1)');
  expect(bridge.notes.get(note.id).trashedAt).not.toBeNull();

  await app.trashButton.click();
  await expect(app.trash.getByText('Keep me')).toBeVisible();
  await app.trash.getByRole('button', { name: 'Restore Keep me' }).click();
  await expect(app.trash.getByText('The trash is empty.')).toBeVisible();
  await expect(app.entry('Keep me')).toBeVisible();
  expect(bridge.notes.get(note.id).trashedAt).toBeNull();
});

test('deleting forever and emptying the trash ask first', async ({ page, bridge }) => {
  for (const title of ['One', 'Two', 'Three'])
    bridge.notes.trash(bridge.notes.create({ title, body: '' }).id);
  const app = new NotesPage(page);
  await app.open();
  await app.trashButton.click();

  await app.trash.getByRole('button', { name: 'Delete One forever' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this note forever?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(bridge.notes.count({ trashed: true })).toBe(3);

  await app.trash.getByRole('button', { name: 'Delete One forever' }).click();
  await dialog.getByRole('button', { name: 'Delete forever' }).click();
  await expect(app.trash.getByText('One', { exact: true })).toHaveCount(0);
  expect(bridge.notes.count({ trashed: true })).toBe(2);

  await app.trash.getByRole('button', { name: 'Empty trash' }).click();
  const emptyDialog = page.getByRole('dialog', { name: 'Empty the trash?' });
  await expect(emptyDialog).toContainText('All 2 notes in the trash will be deleted forever.');
  await emptyDialog.getByRole('button', { name: 'Empty trash' }).click();
  await expect(app.trash.getByText('The trash is empty.')).toBeVisible();
  await expect(app.trashButton).toHaveText('Trash');
  expect(bridge.notes.count({ trashed: true })).toBe(0);
});

test('keyboard only: create, type, search and open a note', async ({ page, bridge }) => {
  const app = new NotesPage(page);
  await app.open();
  const keyboard = page.keyboard;

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
  // Keyboard focus is drawn: the focused entry has a visible outline.
  const outline = await app
    .entry('Holiday plan')
    .evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe('solid');
  await keyboard.press('Enter');
  await expect(app.title).toHaveValue('Holiday plan');
  await expect(app.body).toHaveValue('Book the ferry to the islands');

  expect(
    bridge.notes
      .list()
      .items.map((note) => note.title)
      .sort(),
  ).toEqual(['Holiday plan', 'Work']);
});

test('an error from the main process is shown as a readable alert', async ({ page, bridge }) => {
  const note = bridge.notes.create({ title: 'Plain', body: '' });
  const app = new NotesPage(page);
  await app.open();
  await app.entry('Plain').click();
  // U+0002 is reserved for search highlights: the repository refuses it with VALIDATION.
  await app.body.focus();
  await page.keyboard.insertText(`bad ${HIGHLIGHT_START} text`);
  await expect(app.alert).toContainText('reserves for search highlights');
  await expect(app.saveStatus).toHaveText('Not saved');
  expect(bridge.notes.get(note.id).body).toBe('');

  await app.alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(app.alert).toHaveCount(0);
});

test('changes made outside the window reach it through notes:didChange', async ({ page, bridge }) => {
  const app = new NotesPage(page);
  await app.open();
  await expect(page.getByText('No notes yet. Press Ctrl+N to write one.')).toBeVisible();
  // As a restore from backup or a second window would: through the router, not the page.
  const result = await bridge.dispatch('notes:create', { title: 'Arrived elsewhere', body: '' });
  expect(result.ok).toBe(true);
  await expect(app.entry('Arrived elsewhere')).toBeVisible();
});

test('screenshots of the main window in light and dark themes', async ({ page, bridge }, testInfo) => {
  bridge.notes.create({
    title: 'Groceries',
    body: 'Oat milk, eggs, sourdough bread',
    createdAt: Date.now() - 60_000,
  });
  bridge.notes.create({ title: 'Welcome to NoteVault', body: 'Notes live on this computer.', pinned: true });
  bridge.notes.create({ title: 'Bread recipe', body: 'Sourdough: 500 g flour, 350 g water, 10 g salt' });
  bridge.notes.trash(bridge.notes.create({ title: 'Old draft', body: '' }).id);
  await page.setViewportSize({ width: 1100, height: 700 });
  const app = new NotesPage(page);
  await app.open();
  await app.entry('Groceries').click();
  await app.body.press('End');
  await app.body.pressSequentially(', apples');
  await app.waitUntilSaved();

  // A fixed folder so CI can publish it: test-results/screenshots/ (next to Playwright's own output).
  const folder = join(testInfo.project.outputDir, 'screenshots');
  const shoot = async (name: string) => {
    const path = join(folder, `${name}.png`);
    await page.screenshot({ path });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  };
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shoot(`main-window-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await app.search.fill('sourdough');
  await expect(app.list.locator('mark').first()).toBeVisible();
  await shoot('search-light');
});

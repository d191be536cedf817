import { expect } from '@playwright/test';
import type { Locator, TestInfo } from '@playwright/test';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../src-shared/notes';
import type { NotesPage } from '../notes-page';
import type { AppAccess } from './app-access';
import { shoot } from './screenshots';

/**
 * The notes scenarios, written once and run by both end-to-end tiers (e2e/notes.spec.ts and
 * e2e/electron/notes.electron.spec.ts): each drives the window as a person would and checks
 * what the database stored through `access`. The tiers run them from scenario-lists.ts.
 */

export async function newNotesAppearAndAreStored(access: AppAccess): Promise<void> {
  const app = await access.open();
  await expect(app.page.getByText('No notes yet. Press Ctrl+N to write one.')).toBeVisible();

  await app.createNote('Groceries', 'milk and eggs');
  await app.createNote('Ideas', 'a garden shed');

  await expect.poll(() => app.entryTitles()).toEqual(['Ideas', 'Groceries']);
  await expect(app.entry('Ideas')).toHaveAttribute('aria-current', 'true');
  const stored = access.read((notes) => notes.list().items.map((note) => [note.title, note.body]));
  expect(stored).toEqual([
    ['Ideas', 'a garden shed'],
    ['Groceries', 'milk and eggs'],
  ]);
}

export async function editsAreSavedAsYouType(access: AppAccess): Promise<void> {
  const { id } = access.seed((notes) => notes.create({ title: 'Draft', body: 'first words' }));
  const app = await access.open();
  await app.entry('Draft').click();
  await app.expectBody('first words');

  await app.body.press('End');
  await app.body.pressSequentially(' and more', { delay: 20 });
  await expect(app.saveStatus).toHaveText('Saving…');
  await app.waitUntilSaved();
  expect(access.read((notes) => notes.get(id).body)).toBe('first words and more');

  await app.title.fill('Final draft');
  await app.waitUntilSaved();
  expect(access.read((notes) => notes.get(id).title)).toBe('Final draft');
  await expect(app.entry('Final draft')).toBeVisible();
}

export async function searchHighlightsMatches(access: AppAccess): Promise<void> {
  access.seed((notes) => {
    notes.create({ title: 'Bread', body: 'A sourdough recipe with rye flour' });
    notes.create({ title: 'Chores', body: 'fix the shed' });
  });
  const app = await access.open();

  await app.search.fill('sourdough');
  await expect.poll(() => app.entryTitles()).toEqual(['Bread']);
  await expect(app.list.locator('mark')).toHaveText(['sourdough']);
  // The control characters were turned into elements, not shown as text.
  const listText = await app.list.textContent();
  expect(listText).not.toContain(HIGHLIGHT_START);
  expect(listText).not.toContain(HIGHLIGHT_END);

  await app.search.fill('nothing-like-this');
  await expect(app.page.getByText('No notes match your search.')).toBeVisible();
  await app.search.fill('');
  await expect.poll(() => app.entryTitles()).toEqual(['Chores', 'Bread']);
}

export async function pinnedNoteMovesToTop(access: AppAccess): Promise<void> {
  const older = access.seed((notes) => {
    const first = notes.create({ title: 'Older', body: '', createdAt: Date.now() - 60_000 });
    notes.create({ title: 'Newer', body: '' });
    return first;
  });
  const app = await access.open();
  await expect.poll(() => app.entryTitles()).toEqual(['Newer', 'Older']);

  await app.entry('Older').click();
  await app.pinButton.click();
  await expect(app.pinButton).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => app.entryTitles()).toEqual(['Older', 'Newer']);
  await expect(app.entry('Older').getByText('Pinned:')).toBeAttached();
  expect(access.read((notes) => notes.get(older.id).pinned)).toBe(true);
}

export async function trashedNoteCanBeRestored(access: AppAccess): Promise<void> {
  const { id } = access.seed((notes) => notes.create({ title: 'Keep me', body: 'important' }));
  const app = await access.open();
  await app.entry('Keep me').click();
  await app.moveToTrashButton.click();

  await expect(app.entry('Keep me')).toHaveCount(0);
  await expect(app.trashButton).toHaveText('Trash (1)');
  expect(access.read((notes) => notes.get(id).trashedAt)).not.toBeNull();

  await app.trashButton.click();
  await expect(app.trash.getByText('Keep me')).toBeVisible();
  await app.trash.getByRole('button', { name: 'Restore Keep me' }).click();
  await expect(app.trash.getByText('The trash is empty.')).toBeVisible();
  await expect(app.entry('Keep me')).toBeVisible();
  expect(access.read((notes) => notes.get(id).trashedAt)).toBeNull();
}

export async function deletingForeverAsksFirst(access: AppAccess): Promise<void> {
  access.seed((notes) => {
    for (const title of ['One', 'Two', 'Three']) notes.trash(notes.create({ title, body: '' }).id);
  });
  const app = await access.open();
  const page = app.page;
  const trashedCount = () => access.read((notes) => notes.count({ trashed: true }));
  await app.trashButton.click();

  // The main process asks in its own dialog; the page shows none of its own.
  await access.answerConfirmDialog(false);
  await app.trash.getByRole('button', { name: 'Delete forever: One' }).click();
  await expect
    .poll(() => access.confirmQuestions())
    .toEqual(['“One” will be deleted forever. This cannot be undone.']);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(app.trash.getByText('One', { exact: true })).toHaveCount(1);
  expect(trashedCount()).toBe(3);

  await access.answerConfirmDialog(true);
  await app.trash.getByRole('button', { name: 'Delete forever: One' }).click();
  await expect(app.trash.getByText('One', { exact: true })).toHaveCount(0);
  expect(trashedCount()).toBe(2);

  await app.trash.getByRole('button', { name: 'Empty trash' }).click();
  await expect(app.trash.getByText('The trash is empty.')).toBeVisible();
  expect((await access.confirmQuestions()).at(-1)).toBe(
    'All 2 notes in the trash will be deleted forever. This cannot be undone.',
  );
  await expect(app.trashButton).toHaveText('Trash');
  expect(trashedCount()).toBe(0);
}

export async function keyboardOnlyCreateSearchOpen(access: AppAccess): Promise<void> {
  const app = await access.open();
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
  // Keyboard focus is drawn: the focused entry has a visible outline.
  const outline = await app
    .entry('Holiday plan')
    .evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe('solid');
  await keyboard.press('Enter');
  await expect(app.title).toHaveValue('Holiday plan');
  await app.expectBody('Book the ferry to the islands');

  const stored = access.read((notes) => notes.list().items.map((note) => note.title));
  expect(stored.sort()).toEqual(['Holiday plan', 'Work']);
}

export async function mainProcessErrorIsShownAsAlert(access: AppAccess): Promise<void> {
  const { id } = access.seed((notes) => notes.create({ title: 'Plain', body: '' }));
  const app = await access.open();
  await app.entry('Plain').click();
  // The editor strips control characters now, so the refusal comes from the other rule the
  // main process keeps: a lone UTF-16 surrogate, which no keyboard or paste produces, set here
  // as a script in the page could, through the editor's own paste handling.
  await app.pasteIntoBody('bad \ud800 text');
  await expect(app.alert).toContainText('broken character');
  await expect(app.saveStatus).toHaveText('Not saved');
  expect(access.read((notes) => notes.get(id).body)).toBe('');

  await app.alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(app.alert).toHaveCount(0);
}

export async function outsideChangesReachTheWindow(access: AppAccess): Promise<void> {
  const app = await access.open();
  await expect(app.page.getByText('No notes yet. Press Ctrl+N to write one.')).toBeVisible();
  // As a restore from backup or a second window would: past the UI, so only the main
  // process's notes:didChange event can tell the window.
  const result = await access.dispatch('notes:create', { title: 'Arrived elsewhere', body: '' });
  expect(result.ok).toBe(true);
  await expect(app.entry('Arrived elsewhere')).toBeVisible();
}

/**
 * More notes than the window reads at once (a page is 100): "<prefix> 001" to "<prefix> 250",
 * each edited a second after the one before, so the list shows 250 first and 001 last.
 */
function seedNumberedNotes(access: AppAccess, prefix: string, trashed: boolean): void {
  const first = Date.now() - 3_600_000;
  access.seed((notes) => {
    for (let i = 1; i <= 250; i++) {
      const title = `${prefix} ${String(i).padStart(3, '0')}`;
      const { id } = notes.create({ title, body: `body of ${title}`, createdAt: first + i * 1000 });
      if (trashed) notes.trash(id);
    }
  });
}

/** The list's count, as read aloud (the list's description) and as shown. */
async function expectCount(app: NotesPage, list: Locator, text: string): Promise<void> {
  await expect(list).toHaveAccessibleDescription(text);
  await expect(app.page.getByText(text, { exact: true })).toBeVisible();
}

export async function everyNoteIsReachableByScrolling(access: AppAccess): Promise<void> {
  seedNumberedNotes(access, 'Note', false);
  const app = await access.open();
  const items = app.list.getByRole('listitem');
  const itemOf = (title: string) =>
    items.filter({ has: app.page.locator('.note-entry-title', { hasText: title }) });
  // Virtualised: only the entries near view are drawn, each saying where it is among all 250.
  await expect(itemOf('Note 250')).toHaveAttribute('aria-posinset', '1');
  await expect(itemOf('Note 250')).toHaveAttribute('aria-setsize', '250');
  await expectCount(app, app.list, '100 of 250 notes');
  expect(await items.count()).toBeLessThan(50);

  await app.scrollUntilInView(app.list, app.entry('Note 001'));
  await expectCount(app, app.list, '250 notes');
  await expect(itemOf('Note 001')).toHaveAttribute('aria-posinset', '250');
  expect(await items.count()).toBeLessThan(50);
  await app.entry('Note 001').click();
  await expect(app.title).toHaveValue('Note 001');
  await app.expectBody('body of Note 001');

  // The edit moves the note to the top and the list is re-read: every page read so far stays,
  // and the list stays scrolled where it was.
  await app.body.fill('edited at the end of a long list');
  await app.waitUntilSaved();
  await expect(itemOf('Note 001')).toHaveAttribute('aria-posinset', '1');
  await expectCount(app, app.list, '250 notes');
  await expect(itemOf('Note 002')).toHaveAttribute('aria-posinset', '250');
  await expect(app.entry('Note 002')).toBeInViewport();
}

export async function keyboardReachesTheLastNote(access: AppAccess): Promise<void> {
  seedNumberedNotes(access, 'Note', false);
  const app = await access.open();
  const keyboard = app.page.keyboard;
  await app.search.focus();
  await keyboard.press('ArrowDown');
  await expect(app.entry('Note 250')).toBeFocused();

  await keyboard.press('End');
  await expect(app.entry('Note 151')).toBeFocused();
  // Reaching the last loaded note reads the next page, so the keyboard meets no false end.
  await expectCount(app, app.list, '200 of 250 notes');
  await keyboard.press('ArrowDown');
  await expect(app.entry('Note 150')).toBeFocused();
  await keyboard.press('End');
  await expect(app.entry('Note 051')).toBeFocused();
  await expectCount(app, app.list, '250 notes');
  await keyboard.press('End');
  await expect(app.entry('Note 001')).toBeFocused();
  await keyboard.press('Enter');
  await expect(app.title).toHaveValue('Note 001');
}

export async function everyTrashedNoteIsReachable(access: AppAccess): Promise<void> {
  seedNumberedNotes(access, 'Trashed', true);
  const app = await access.open();
  await expect(app.trashButton).toHaveText('Trash (250)');
  await app.trashButton.click();
  await expect(app.trashList.getByRole('listitem')).toHaveCount(100);
  await expectCount(app, app.trashList, '100 of 250 notes');

  // Emptying the trash names every note it deletes, not only the loaded ones.
  await access.answerConfirmDialog(false);
  await app.trash.getByRole('button', { name: 'Empty trash' }).click();
  await expect
    .poll(() => access.confirmQuestions())
    .toEqual(['All 250 notes in the trash will be deleted forever. This cannot be undone.']);
  await access.answerConfirmDialog(true);

  const restoreLast = app.trash.getByRole('button', { name: 'Restore Trashed 001', exact: true });
  await app.scrollUntilInView(app.trashList, restoreLast);
  await expectCount(app, app.trashList, '250 notes');
  await restoreLast.click();
  await expectCount(app, app.trashList, '249 notes');
  await expect(app.trashList.getByRole('listitem')).toHaveCount(249);
  await expect(app.trashButton).toHaveText('Trash (249)');
  expect(access.read((notes) => notes.list().items.map((note) => note.title))).toEqual(['Trashed 001']);

  await app.trash.getByRole('button', { name: 'Back to notes' }).click();
  await app.entry('Trashed 001').click();
  await app.expectBody('body of Trashed 001');
}

export async function screenshotsInLightAndDarkThemes(access: AppAccess, testInfo: TestInfo): Promise<void> {
  access.seed((notes) => {
    notes.create({
      title: 'Groceries',
      body: 'Oat milk, eggs, sourdough bread',
      createdAt: Date.now() - 60_000,
    });
    notes.create({ title: 'Welcome to NoteVault', body: 'Notes live on this computer.', pinned: true });
    notes.create({ title: 'Bread recipe', body: 'Sourdough: 500 g flour, 350 g water, 10 g salt' });
    notes.trash(notes.create({ title: 'Old draft', body: '' }).id);
  });
  const app = await access.open({ width: 1100, height: 700 });
  const page = app.page;
  await app.entry('Groceries').click();
  await app.body.press('End');
  await app.body.pressSequentially(', apples');
  await app.waitUntilSaved();

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shoot(access, page, testInfo, `main-window-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await app.search.fill('sourdough');
  await expect(app.list.locator('mark').first()).toBeVisible();
  await shoot(access, page, testInfo, 'search-light');
}

import { expect } from '@playwright/test';
import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';

// Issue #14: New note made an "Untitled" note in the database at once; left untouched, they
// piled up and were backed up. A new note now exists from its first keystroke.
test.afterEach(({ access }) => expectNoRouterProblems(access));

const titles = (access: Parameters<Parameters<typeof test>[2]>[0]['access']) =>
  access.read((notes) => notes.list().items.map((note) => note.title));

test('a new note left empty leaves nothing behind when another note is opened', async ({ access }) => {
  access.seed((notes) => notes.create({ title: 'Groceries', body: 'milk' }));
  const app = await access.open();
  await app.newNoteButton.click();
  await expect(app.title).toBeFocused();
  await expect(app.title).toHaveValue('');
  // A space is not text worth keeping either.
  await app.page.keyboard.type(' ');
  await app.page.keyboard.press('Backspace');
  await app.entry('Groceries').click();
  await expect(app.title).toHaveValue('Groceries');
  await expect.poll(() => app.entryTitles()).toEqual(['Groceries']);
  expect(titles(access)).toEqual(['Groceries']);

  // Moving the empty draft to the trash discards it: nothing reaches the trash either.
  await app.newNoteButton.click();
  await app.moveToTrashButton.click();
  await expect(app.title).toHaveCount(0);
  expect(access.read((notes) => notes.list({ trashed: true }).total)).toBe(0);
  expect(titles(access)).toEqual(['Groceries']);
});

test('typing in a new note creates exactly one note, and later keystrokes update it', async ({ access }) => {
  const app = await access.open();
  await app.newNoteButton.click();
  const keyboard = app.page.keyboard;
  await keyboard.type('Ferry');
  await app.waitUntilSaved();
  expect(titles(access)).toEqual(['Ferry']);
  await keyboard.type(' times');
  await keyboard.press('Tab');
  await keyboard.type('Leaves at nine');
  await expect
    .poll(() => access.read((notes) => notes.list().items))
    .toMatchObject([{ title: 'Ferry times', body: 'Leaves at nine' }]);
  // The editor stayed the same one: focus and caret were not lost when the note was created.
  await expect(app.body).toBeFocused();
  await app.expectBody('Leaves at nine');
  await expect.poll(() => app.entryTitles()).toEqual(['Ferry times']);
  await expect(app.entry('Ferry times')).toHaveAttribute('aria-current', 'true');
  await app.waitUntilSaved();
  expect(access.read((notes) => notes.list().total)).toBe(1);

  // New note again, from the note just created: a fresh, empty editor and a second note.
  await keyboard.press('Control+N');
  await expect(app.title).toBeFocused();
  await expect(app.title).toHaveValue('');
  await keyboard.type('Second');
  await expect.poll(() => titles(access).sort()).toEqual(['Ferry times', 'Second']);
});

test('a new note typed in and emptied again is deleted for good when left', async ({ access }) => {
  access.seed((notes) => notes.create({ title: 'Groceries', body: 'milk' }));
  const app = await access.open();
  const keyboard = app.page.keyboard;
  const trashTotal = () => access.read((notes) => notes.list({ trashed: true }).total);

  // Left for another note, straight after blanking it (the emptying save still on its way).
  await app.newNoteButton.click();
  await keyboard.type('Ferry');
  await expect.poll(() => titles(access).sort()).toEqual(['Ferry', 'Groceries']);
  await app.title.fill('');
  await app.entry('Groceries').click();
  await expect(app.title).toHaveValue('Groceries');
  await expect.poll(() => titles(access)).toEqual(['Groceries']);
  await expect.poll(() => app.entryTitles()).toEqual(['Groceries']);

  // Left for New note, once the blank body and title were saved.
  await app.newNoteButton.click();
  await keyboard.type('Bus');
  await keyboard.press('Tab');
  await keyboard.type('at ten');
  await expect.poll(() => titles(access).sort()).toEqual(['Bus', 'Groceries']);
  await app.body.fill(' ');
  await app.title.fill('');
  await app.waitUntilSaved();
  await keyboard.press('Control+N');
  await expect(app.title).toHaveValue('');
  await expect.poll(() => titles(access)).toEqual(['Groceries']);

  // Left for a view (Settings).
  await app.title.fill('Tram');
  await expect.poll(() => titles(access).sort()).toEqual(['Groceries', 'Tram']);
  await app.title.fill('');
  await app.toolbar.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.title).toHaveCount(0);
  await expect.poll(() => titles(access)).toEqual(['Groceries']);
  expect(trashTotal()).toBe(0);
});

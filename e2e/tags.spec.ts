import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';

// Tier 1: tags in the window (issue #15), against the real services behind the bridge.
test.afterEach(({ access }) => expectNoRouterProblems(access));

function tagTree(page: Page): Locator {
  return page.getByRole('tree', { name: 'Tags' });
}

function tagItem(page: Page, leaf: string): Locator {
  return tagTree(page).getByRole('treeitem', { name: new RegExp(`^${leaf} \\d`) });
}

/** Each visible tag's accessible name ("work 2 notes"), top to bottom. */
function treeNames(page: Page): Promise<string[]> {
  return tagTree(page)
    .getByRole('treeitem')
    .evaluateAll((items) =>
      items.map((item) =>
        [...item.querySelectorAll('.tag-tree-name, .tag-tree-count')]
          .map((part) => part.textContent)
          .join(' '),
      ),
    );
}

async function addTag(page: Page, name: string): Promise<void> {
  const field = page.getByRole('combobox', { name: 'Add a tag' });
  await field.fill(name);
  await field.press('Enter');
  await expect(page.getByRole('button', { name: `Remove tag ${name}` })).toBeVisible();
}

test('tag notes, filter by a tag and by two, rename a tag and see it everywhere, find a note by its tag', async ({
  access,
  page,
}) => {
  const ids = access.seed((notes) => ({
    plan: notes.create({ title: 'Quarterly plan', body: 'goals' }).id,
    shopping: notes.create({ title: 'Shopping list', body: 'bread' }).id,
    reading: notes.create({ title: 'Reading', body: 'novels' }).id,
  }));
  const app = await access.open();
  await expect(page.getByText('No tags yet.')).toBeVisible();

  await app.entry('Quarterly plan').click();
  await addTag(page, 'work/projects');
  await addTag(page, 'urgent');
  await app.entry('Shopping list').click();
  await addTag(page, 'work');
  expect(access.read((notes) => notes.tags.tagsOf(ids.plan))).toEqual(['urgent', 'work/projects']);

  // The tree: parents total their children, each note once.
  await expect.poll(() => treeNames(page)).toEqual(['urgent 1 note', 'work 2 notes', 'projects 1 note']);
  await expect(tagItem(page, 'work')).toHaveAttribute('aria-expanded', 'true');
  await expect(tagItem(page, 'projects')).toHaveAttribute('aria-level', '2');

  // One tag: a parent matches its children. Two: notes carrying both.
  await tagItem(page, 'work').click();
  await expect(tagItem(page, 'work')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => app.entryTitles()).toEqual(['Shopping list', 'Quarterly plan']);
  await expect(page.locator('.list-count')).toHaveText('2 notes');
  await tagItem(page, 'urgent').click();
  await expect.poll(() => app.entryTitles()).toEqual(['Quarterly plan']);
  await expect(page.locator('.list-count')).toHaveText('1 note');
  await expect(page.getByRole('group', { name: 'Tag filter' }).getByRole('listitem')).toHaveText([
    /work/,
    /urgent/,
  ]);

  // Rename "work" in one place: the nested tag, the note's chips, the filter and search follow.
  await tagItem(page, 'work').focus();
  await page.getByRole('button', { name: 'Rename “work”…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename “work”' });
  await dialog.getByRole('textbox', { name: 'New name' }).fill('job');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => treeNames(page)).toEqual(['job 2 notes', 'projects 1 note', 'urgent 1 note']);
  await expect(page.getByRole('group', { name: 'Tag filter' }).getByRole('listitem')).toHaveText([
    /job/,
    /urgent/,
  ]);
  await expect.poll(() => app.entryTitles()).toEqual(['Quarterly plan']);
  await app.entry('Quarterly plan').click();
  await expect(page.getByRole('button', { name: 'Remove tag job/projects' })).toBeVisible();
  expect(access.read((notes) => notes.tags.tagsOf(ids.plan))).toEqual(['job/projects', 'urgent']);

  // The tag filter narrows a search as it narrows the list: "bread" is in a note tagged job alone.
  await app.search.fill('bread');
  await expect(page.getByText('No notes match your search.')).toBeVisible();
  await page.getByRole('button', { name: 'Stop filtering by urgent' }).click();
  await expect.poll(() => app.entryTitles()).toEqual(['Shopping list']);
  await app.search.fill('');

  // Search covers tags: the word of a tag finds the note.
  await page.getByRole('button', { name: 'Show all notes' }).click();
  await expect.poll(() => app.entryTitles()).toEqual(['Reading', 'Shopping list', 'Quarterly plan']);
  await app.search.fill('projects');
  await expect.poll(() => app.entryTitles()).toEqual(['Quarterly plan']);
});

test('renaming onto an existing tag asks before merging, and delete takes a tag off its notes', async ({
  access,
  page,
}) => {
  const ids = access.seed((notes) => {
    const a = notes.create({ title: 'A', body: '' }).id;
    const b = notes.create({ title: 'B', body: '' }).id;
    notes.tags.add(a, ['todo']);
    notes.tags.add(b, ['tasks', 'home']);
    return { a, b };
  });
  await access.open();
  await tagItem(page, 'todo').focus();
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', { name: 'Rename “todo”' });
  await dialog.getByRole('textbox', { name: 'New name' }).fill('Tasks');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog.getByText('“tasks” already exists (1 note). Merge “todo” into it?')).toBeVisible();
  // Back keeps both; nothing changed yet.
  await dialog.getByRole('button', { name: 'Back' }).click();
  expect(access.read((notes) => notes.tags.tagsOf(ids.a))).toEqual(['todo']);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await dialog.getByRole('button', { name: 'Merge tags' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => treeNames(page)).toEqual(['home 1 note', 'tasks 2 notes']);
  expect(access.read((notes) => notes.tags.tagsOf(ids.a))).toEqual(['tasks']);

  await tagItem(page, 'home').focus();
  await page.getByRole('button', { name: 'Delete “home”…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete tag?' });
  await expect(confirm).toContainText(
    '“home” and the tags nested under it will be taken off 1 note. The notes stay.',
  );
  await confirm.getByRole('button', { name: 'Delete tag' }).click();
  await expect.poll(() => treeNames(page)).toEqual(['tasks 2 notes']);
  expect(access.read((notes) => [notes.tags.tagsOf(ids.b), notes.count()])).toEqual([['tasks'], 2]);
});

test('the tag tree is one Tab stop worked with arrow keys, like a tree', async ({ access, page }) => {
  access.seed((notes) => {
    notes.tags.add(notes.create({ title: 'A', body: '' }).id, ['work/projects', 'home']);
    notes.tags.add(notes.create({ title: 'B', body: '' }).id, ['work/admin']);
  });
  const app = await access.open();
  await app.newNoteButton.focus();
  // From the toolbar, Tab reaches the tree's one stop before the search box.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await tagItem(page, 'home').evaluate((el) => el === document.activeElement)) break;
  }
  await expect(tagItem(page, 'home')).toBeFocused();
  await expect(tagTree(page).locator('[tabindex="0"]')).toHaveCount(1);

  await page.keyboard.press('ArrowDown');
  await expect(tagItem(page, 'work')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tagItem(page, 'work')).toHaveAttribute('aria-expanded', 'false');
  await expect(tagItem(page, 'projects')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(tagItem(page, 'work')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tagItem(page, 'admin')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tagItem(page, 'projects')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => app.entryTitles()).toEqual(['A']);
  await page.keyboard.press('ArrowLeft');
  await expect(tagItem(page, 'work')).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(() => app.entryTitles()).toEqual(['A']);
  await expect(tagTree(page).locator('[aria-selected="true"]')).toHaveCount(2);

  // Tab leaves the tree for the next control in one step.
  await page.keyboard.press('Tab');
  await expect(tagTree(page).locator(':focus')).toHaveCount(0);
});

test('each view remembers its own sort order, across a reload', async ({ access, page }) => {
  access.seed((notes) => {
    notes.tags.add(notes.create({ title: 'Zebra', body: '', createdAt: 1000, updatedAt: 5000 }).id, [
      'animals',
    ]);
    notes.tags.add(notes.create({ title: 'Aardvark', body: '', createdAt: 3000, updatedAt: 4000 }).id, [
      'animals',
    ]);
    notes.create({ title: 'Middle', body: '', createdAt: 2000, updatedAt: 6000 });
  });
  const app = await access.open();
  const sort = page.getByRole('combobox', { name: 'Sort notes' });
  await expect.poll(() => app.entryTitles()).toEqual(['Middle', 'Zebra', 'Aardvark']);
  await sort.selectOption({ label: 'Title' });
  await expect.poll(() => app.entryTitles()).toEqual(['Aardvark', 'Middle', 'Zebra']);

  await tagItem(page, 'animals').click();
  await expect(sort).toHaveValue('edited');
  await sort.selectOption({ label: 'Date created' });
  await expect.poll(() => app.entryTitles()).toEqual(['Aardvark', 'Zebra']);

  await page.getByRole('button', { name: 'Show all notes' }).click();
  await expect(sort).toHaveValue('title');
  await expect.poll(() => app.entryTitles()).toEqual(['Aardvark', 'Middle', 'Zebra']);

  await page.reload();
  await app.waitUntilReady();
  await expect(sort).toHaveValue('title');
  await tagItem(page, 'animals').click();
  await expect(sort).toHaveValue('created');
});

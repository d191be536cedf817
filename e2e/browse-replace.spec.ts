import type { Page } from '@playwright/test';
import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Issue #14: Browse showed titles as centred pill buttons of different widths and a tiny
// unstyled search box, and "Replace current version" overwrote notes without showing what
// would change. Tier 1 through the bridge, with a real backup made by the app's own runner.
test.describe.configure({ timeout: 120_000 });

const PASSKEY = 'lantern orchard drifts over granite';

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

async function openBrowse(page: Page) {
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const row = page.getByRole('region', { name: 'Backups' }).getByRole('row').filter({ hasText: 'Manual' });
  await row.getByRole('button', { name: /^Browse backup of/ }).click();
  const prompt = page.getByRole('dialog', { name: 'Browse a backup' });
  await prompt.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await prompt.getByRole('button', { name: 'Open' }).click();
  const browse = page.getByRole('region', { name: /^Backup of/ });
  await expect(browse.getByRole('list', { name: 'Notes in this backup' }).getByRole('listitem')).toHaveCount(
    3,
    { timeout: 30_000 },
  );
  return { app, browse };
}

test('the browsed backup lists and searches its notes as the main window does', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Short', body: 'one line' });
  bridge.notes.create({ title: 'A much longer title for the same list', body: 'first line\nsecond' });
  bridge.notes.create({ title: 'Recipe', body: 'two cups of patience' });
  await bridge.services.settings.chooseBackupFolder();
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  const { app, browse } = await openBrowse(page);

  // The same search box as the main window's, in its own search landmark.
  const search = browse.getByRole('search').getByRole('searchbox', { name: 'Search this backup' });
  await expect(search).toHaveAttribute('placeholder', 'Search this backup');
  const style = (locator: typeof search) =>
    locator.evaluate((element) => {
      const css = getComputedStyle(element);
      return { fontSize: css.fontSize, padding: css.padding, borderRadius: css.borderRadius };
    });
  expect(await style(search)).toEqual(await style(app.search));

  // Entries are the note list's entries: full width, left-aligned, title then first line.
  const entries = browse.getByRole('list', { name: 'Notes in this backup' }).locator('button.note-entry');
  await expect(entries).toHaveCount(3);
  const boxes = await entries.evaluateAll((buttons) =>
    buttons.map((button) => ({
      width: button.getBoundingClientRect().width,
      align: getComputedStyle(button).textAlign,
    })),
  );
  expect(new Set(boxes.map((box) => box.width)).size).toBe(1);
  expect(boxes.every((box) => box.align === 'left')).toBe(true);
  await expect(entries.filter({ hasText: 'A much longer title' })).toContainText('first line');
  expect(await style(entries.first().locator('.note-entry-title'))).toEqual(
    await style(app.list.locator('.note-entry-title').first()),
  );

  await search.fill('patience');
  await expect(entries).toHaveCount(1);
  await expect(entries.first().locator('mark')).toHaveText('patience');

  // No "(0)" on the buttons; why they are disabled is said beside them.
  const bringBack = browse.getByRole('button', { name: 'Bring back as new' });
  await expect(bringBack).toBeDisabled();
  await expect(bringBack).toHaveAccessibleDescription('Tick the notes to bring back first.');
});

test('Replace current version shows a line diff of the current note and the backup first', async ({
  page,
  bridge,
}) => {
  const recipe = bridge.notes.create({ title: 'Recipe', body: 'flour\ntwo cups of patience\nbake' });
  bridge.notes.create({ title: 'Other', body: 'x' });
  const gone = bridge.notes.create({ title: 'Gone since', body: 'y' });
  await bridge.services.settings.chooseBackupFolder();
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  bridge.notes.update(recipe.id, { title: 'Recipe v2', body: 'flour\none cup of haste\nbake\nserve' });
  bridge.notes.trash(gone.id);
  bridge.notes.purge(gone.id);
  const { browse } = await openBrowse(page);

  await browse.getByRole('checkbox', { name: 'Select Recipe' }).check();
  await browse.getByRole('checkbox', { name: 'Select Gone since' }).check();
  await browse.getByRole('button', { name: 'Replace current version (2)…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace current version?' });
  const diff = dialog.getByRole('list', { name: 'Changes to Recipe' });
  await expect(diff.getByRole('listitem')).toHaveText([
    'flour',
    '−Removed: one cup of haste',
    '+Added: two cups of patience',
    'bake',
    '−Removed: serve',
  ]);
  await expect(dialog.getByText('Title: Recipe v2 → Recipe')).toBeVisible();
  await expect(
    dialog.getByRole('region', { name: 'Gone since' }).getByText('Not among your current notes'),
  ).toBeVisible();
  // Nothing has changed yet; Cancel leaves the note as it is.
  expect(bridge.notes.get(recipe.id).title).toBe('Recipe v2');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(bridge.notes.get(recipe.id).title).toBe('Recipe v2');

  await browse.getByRole('button', { name: 'Replace current version (2)…' }).click();
  await dialog.getByRole('button', { name: "Replace with the backup's version" }).click();
  await expect(browse.getByRole('status')).toHaveText(
    'Replaced the current version of 1 note and brought back 1 note as a new note.',
  );
  expect(bridge.notes.get(recipe.id)).toMatchObject({
    title: 'Recipe',
    body: 'flour\ntwo cups of patience\nbake',
  });
});

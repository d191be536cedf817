import type { Page } from '@playwright/test';
import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Tier 1: keyboard-only use. Focus lands somewhere sensible after every action, checked with
// document.activeElement; lists are one Tab stop each; Escape leaves the full-page views.

const PASSKEY = 'copper kettle wanders past midnight';

/** A short description of the focused element: its tag, then its accessible name or text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'nothing';
    const name = active.getAttribute('aria-label') ?? active.id ?? '';
    const text = (active.querySelector('.note-entry-title') ?? active).textContent?.trim() ?? '';
    return `${active.tagName.toLowerCase()}: ${name || text}`;
  });
}

function seedNotes(bridge: NotevaultBridge, count: number): void {
  for (let index = 1; index <= count; index += 1) {
    bridge.notes.create({ title: `Note ${String(index).padStart(2, '0')}`, body: `text ${index}` });
  }
}

async function open(page: Page): Promise<NotesPage> {
  await page.setViewportSize({ width: 800, height: 600 });
  const app = new NotesPage(page);
  await app.open();
  return app;
}

test('the note list is one Tab stop: from the search box past the editor buttons to the title, with 12 notes', async ({
  page,
  bridge,
}) => {
  seedNotes(bridge, 12);
  const app = await open(page);
  await app.entry('Note 05').click();
  await expect(app.title).toHaveValue('Note 05');
  await app.search.focus();
  const stops: string[] = [];
  for (let tab = 0; tab < 10 && (await focused(page)) !== 'input: note-title'; tab += 1) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
  }
  // The open note is the list's stop, then the editor's buttons (layout, pin, history, trash), then the title.
  expect(stops).toEqual([
    'button: Note 05',
    'button: Edit',
    'button: Split',
    'button: Read',
    'button: Pin',
    'button: History…',
    'button: Move to trash',
    'input: note-title',
  ]);
});

test('arrow keys, Home and End move in the note list, Enter opens, and Tab comes back to the same entry', async ({
  page,
  bridge,
}) => {
  seedNotes(bridge, 5);
  const app = await open(page);
  await app.search.focus();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('button: Note 05');
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe('button: Note 04');
  await page.keyboard.press('End');
  expect(await focused(page)).toBe('button: Note 01');
  await page.keyboard.press('Home');
  expect(await focused(page)).toBe('button: Note 05');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(app.title).toHaveValue('Note 03');
  // Away and back with Shift+Tab: the list's stop is the entry last used.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toBe('button: Note 03');
  // Ctrl+E goes to the note's text, which says so.
  await app.search.focus();
  await page.keyboard.press('Control+e');
  expect(await focused(page)).toBe('div: Note text');
  await expect(app.body).toHaveAttribute('aria-placeholder', /Ctrl\+E/);
});

test('after Move to trash focus goes to the next note, and with none left to the list', async ({
  page,
  bridge,
}) => {
  seedNotes(bridge, 3);
  const app = await open(page);
  await app.entry('Note 02').click();
  await app.moveToTrashButton.focus();
  await page.keyboard.press('Enter');
  await expect(app.entry('Note 02')).toHaveCount(0);
  expect(await focused(page)).toBe('button: Note 01');
  // The last note in the list: focus goes to the one above it.
  await page.keyboard.press('Enter');
  await app.moveToTrashButton.click();
  await expect(app.entry('Note 01')).toHaveCount(0);
  expect(await focused(page)).toBe('button: Note 03');
  await page.keyboard.press('Enter');
  await app.moveToTrashButton.click();
  await expect(page.getByText('No notes yet.')).toBeVisible();
  expect(await focused(page)).toBe('p: No notes yet. Press Ctrl+N to write one.');
});

test('in the trash focus moves to the next entry after a restore, to the heading after the last, and Escape leaves', async ({
  page,
  bridge,
}) => {
  for (const title of ['First', 'Second']) bridge.notes.trash(bridge.notes.create({ title, body: 'x' }).id);
  const app = await open(page);
  await app.trashButton.click();
  await app.trash.getByRole('button', { name: 'Restore Second' }).click();
  await expect(app.trashList.getByRole('listitem')).toHaveCount(1);
  expect(await focused(page)).toBe('button: Restore First');
  await page.keyboard.press('Enter');
  await expect(app.trash.getByText('The trash is empty.')).toBeVisible();
  expect(await focused(page)).toBe('h2: trash-heading');
  await page.keyboard.press('Escape');
  await expect(app.trash).toHaveCount(0);
  expect(await focused(page)).toBe('button: Trash');
  // Back to notes too gives focus back to the button that opened the view.
  await page.keyboard.press('Enter');
  await app.trash.getByRole('button', { name: 'Back to notes' }).click();
  expect(await focused(page)).toBe('button: Trash');
});

test('Escape leaves Settings and Backups, but first closes a dialog or a menu', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'One', body: 'x' });
  await bridge.services.settings.chooseBackupFolder();
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  const app = await open(page);
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Settings' })).toHaveCount(0);
  expect(await focused(page)).toBe('button: Settings');

  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  const row = backups.getByRole('row').filter({ hasText: 'Manual' });
  // The row's menu: Arrow Down opens it on its first item, Escape closes only the menu.
  const more = row.getByRole('button', { name: /^More actions for the backup of/ });
  await more.focus();
  await expect(more).toHaveAttribute('aria-haspopup', 'menu');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  const menu = row.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText(['Restore', 'Show in folder', 'Delete']);
  await expect(menu.getByRole('menuitem', { name: /^Restore backup of/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: /^Delete backup of/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();
  await expect(backups).toBeVisible();
  // Enter on an item runs it and leaves focus on the menu button.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => bridge.dialogs.shownInFolder.length).toBe(1);
  await expect(more).toBeFocused();

  // A dialog's Escape closes the dialog, not the view.
  await row.getByRole('button', { name: /^Verify backup of/ }).click();
  const prompt = page.getByRole('dialog', { name: 'Verify a backup' });
  await expect(prompt).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(prompt).toHaveCount(0);
  await expect(backups).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(backups).toHaveCount(0);
  expect(await focused(page)).toBe('button: Backups');
});

test('Verify, and opening and closing a browsed backup, leave focus on the row or the heading', async ({
  page,
  bridge,
}) => {
  test.setTimeout(60_000);
  bridge.notes.create({ title: 'One', body: 'x' });
  await bridge.services.settings.chooseBackupFolder();
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  const app = await open(page);
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  const row = backups.getByRole('row').filter({ hasText: 'Manual' });

  await row.getByRole('button', { name: /^Verify backup of/ }).click();
  const prompt = page.getByRole('dialog', { name: 'Verify a backup' });
  await expect(prompt.getByLabel('Passkey', { exact: true })).toBeFocused();
  await page.keyboard.type(PASSKEY);
  await page.keyboard.press('Enter');
  await expect(backups.getByRole('status').filter({ hasText: /is intact/ })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => focused(page)).toMatch(/^button: Verify backup of/);

  await row.getByRole('button', { name: /^Browse backup of/ }).click();
  await page.keyboard.type(PASSKEY);
  await page.keyboard.press('Enter');
  const browse = page.getByRole('region', { name: /^Backup of/ });
  await expect(browse).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => focused(page)).toMatch(/^h2: /);
  await expect(browse.getByRole('heading', { level: 2 })).toBeFocused();
  // Escape closes the browsed backup (not the Backups view) and focus goes to its heading.
  await page.keyboard.press('Escape');
  await expect(browse).toHaveCount(0);
  await expect(backups.getByRole('heading', { name: 'Backups', level: 2 })).toBeFocused();
});

test('the Restore dialog opens on "Choose backup file…"', async ({ page }) => {
  const app = await open(page);
  await app.toolbar.getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
  await expect(dialog.getByRole('button', { name: 'Choose backup file…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(app.toolbar.getByRole('button', { name: 'Restore…' })).toBeFocused();
});

test('the backups table is one Tab stop: arrow keys move between its rows and buttons', async ({
  page,
  bridge,
}) => {
  test.setTimeout(60_000);
  bridge.notes.create({ title: 'One', body: 'x' });
  await bridge.services.settings.chooseBackupFolder();
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  await bridge.clock.advance(61_000);
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  const app = await open(page);
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByRole('row').filter({ hasText: 'Manual' })).toHaveCount(2);
  // Row number (1 is the newest) and the button's visible label.
  const cell = () =>
    page.evaluate(() => {
      const active = document.activeElement;
      const row = active?.closest('tr');
      return row ? `${row.rowIndex}: ${active?.textContent ?? ''}` : `outside: ${active?.tagName ?? ''}`;
    });

  await backups.getByRole('button', { name: 'Back to notes' }).focus();
  await page.keyboard.press('Tab');
  expect(await cell()).toBe('1: Verify');
  await page.keyboard.press('ArrowRight');
  expect(await cell()).toBe('1: Browse');
  await page.keyboard.press('ArrowDown');
  expect(await cell()).toBe('2: Browse');
  await page.keyboard.press('ArrowRight');
  expect(await cell()).toBe('2: ⋯');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  expect(await cell()).toBe('1: Browse');
  await page.keyboard.press('End');
  expect(await cell()).toBe('2: Browse');
  // Tab leaves the table from any of its buttons, and Shift+Tab comes back to the same one.
  await page.keyboard.press('Tab');
  expect(await cell()).toMatch(/^outside/);
  await page.keyboard.press('Shift+Tab');
  expect(await cell()).toBe('2: Browse');
  // Enter presses it: the passkey prompt for browsing opens.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Browse a backup' })).toBeVisible();
});

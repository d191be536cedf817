import type { Page } from '@playwright/test';
import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Tier 1: the window at its smallest sizes (800×600, and 720×540, the minimum window size in
// src-main/window/window-state.ts). Nothing may scroll sideways and every button stays on screen.

const PASSKEY = 'copper kettle wanders past midnight';
const LONG = 'Meeting notes: quarterly planning with the whole design and engineering group, part two';
const SIZES = [
  { width: 800, height: 600 },
  { width: 720, height: 540 },
];

/** The page does not scroll sideways and no visible button reaches past the window's edges. */
async function expectFitsWidth(page: Page, view: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = window.innerWidth;
    const scrolling = document.scrollingElement;
    const outside = [...document.querySelectorAll('button')]
      .filter((button) => button.getClientRects().length > 0)
      .map((button) => ({
        name: button.getAttribute('aria-label') ?? button.textContent,
        box: button.getBoundingClientRect(),
      }))
      .filter(({ box }) => box.left < 0 || box.right > width + 0.5)
      .map(({ name, box }) => `${name} (${Math.round(box.left)}–${Math.round(box.right)})`);
    return { scrollWidth: scrolling?.scrollWidth ?? 0, width, outside };
  });
  expect(overflow.outside, `buttons outside the ${view} at ${overflow.width} px`).toEqual([]);
  expect(overflow.scrollWidth, `the ${view}'s width`).toBeLessThanOrEqual(overflow.width);
}

/** Every toolbar label stays on one line ("New note", never "New / note"). */
async function expectOneLineToolbar(app: NotesPage): Promise<void> {
  const heights = await app.page
    .locator('.app-header button')
    .evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().height));
  expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(1);
  const wrapped = await app.page
    .locator('.app-header button')
    .evaluateAll((buttons) =>
      buttons.filter((button) => button.scrollWidth > button.clientWidth).map((button) => button.textContent),
    );
  expect(wrapped).toEqual([]);
}

async function makeBackup(bridge: NotevaultBridge): Promise<string> {
  await bridge.services.settings.chooseBackupFolder();
  return (await bridge.services.runner.runManual({ passkey: PASSKEY })).file;
}

for (const size of SIZES) {
  test(`every view fits ${size.width}×${size.height} without sideways scrolling`, async ({
    page,
    bridge,
  }) => {
    test.setTimeout(60_000);
    for (const title of [LONG, `${LONG} (again)`, 'Short']) {
      bridge.notes.trash(
        bridge.notes.create({ title, body: 'Some text that goes on for a while, long enough.' }).id,
      );
    }
    bridge.notes.create({ title: LONG, body: 'kept' });
    await makeBackup(bridge);
    await page.setViewportSize(size);
    const app = new NotesPage(page);
    await app.open();
    await expectOneLineToolbar(app);

    await app.entry(LONG).click();
    await expect(app.title).toHaveValue(LONG);
    await expectFitsWidth(page, 'editor');

    await app.trashButton.click();
    await expect(app.trashList.getByRole('listitem')).toHaveCount(3);
    await expectFitsWidth(page, 'Trash view');
    await expect(app.trash.getByRole('button', { name: `Restore ${LONG}`, exact: true })).toBeInViewport({
      ratio: 1,
    });
    await expect(app.trash.getByRole('button', { name: 'Back to notes' })).toBeInViewport({ ratio: 1 });
    // A truncated title keeps its full text in a tooltip.
    await expect(app.trashList.locator('.note-entry-title').first()).toHaveAttribute('title', /.+/);
    await expect(app.entry(LONG).locator('.note-entry-title')).toHaveAttribute('title', LONG);

    await app.toolbar.getByRole('button', { name: 'Backups' }).click();
    const backups = page.getByRole('region', { name: 'Backups' });
    await expect(backups.getByRole('row').filter({ hasText: 'Manual' })).toHaveCount(1);
    await expectFitsWidth(page, 'Backups view');
    // Two buttons and a menu: the row keeps its height of one button.
    const row = backups.getByRole('row').filter({ hasText: 'Manual' });
    const verify = await row.getByRole('button', { name: /^Verify backup of/ }).boundingBox();
    const more = await row.getByRole('button', { name: /^More actions/ }).boundingBox();
    expect(verify).not.toBeNull();
    expect(more).not.toBeNull();
    expect(Math.abs((verify?.y ?? 0) - (more?.y ?? 0))).toBeLessThan(2);

    await row.getByRole('button', { name: /^Browse backup of/ }).click();
    const prompt = page.getByRole('dialog', { name: 'Browse a backup' });
    await prompt.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
    await prompt.getByRole('button', { name: 'Open' }).click();
    const browse = page.getByRole('region', { name: /^Backup of/ });
    await expect(
      browse.getByRole('list', { name: 'Notes in this backup' }).getByRole('listitem'),
    ).toHaveCount(4, {
      timeout: 30_000,
    });
    await expectFitsWidth(page, 'Browse view');
    await browse.getByRole('button', { name: 'Close backup' }).click();

    await app.toolbar.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();
    await expectFitsWidth(page, 'Settings view');
    await expectOneLineToolbar(app);
  });
}

test('the status after a restore is a toast outside the toolbar that leaves by itself, not while hovered', async ({
  page,
  bridge,
}) => {
  test.setTimeout(60_000);
  bridge.notes.create({ title: 'Groceries', body: 'oat milk' });
  bridge.dialogs.backupFile = await makeBackup(bridge);
  await page.setViewportSize({ width: 800, height: 600 });
  const app = new NotesPage(page);
  await app.open();
  const toolbarBox = await app.toolbar.boundingBox();
  await app.toolbar.getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
  await dialog.getByRole('button', { name: 'Choose backup file…' }).click();
  await dialog.getByLabel('Passkey of this backup').fill(PASSKEY);
  await dialog.getByRole('button', { name: 'Show what is inside' }).click();
  await dialog.getByRole('button', { name: 'Replace my notes' }).click({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Done' }).click({ timeout: 30_000 });

  const toast = app.toasts.getByText('Restored 1 note from the backup.');
  await expect(toast).toBeVisible();
  await expect(app.toolbar.getByText(/Restored/)).toHaveCount(0);
  expect(await app.toolbar.boundingBox()).toEqual(toolbarBox);
  await expectOneLineToolbar(app);
  await expectFitsWidth(page, 'main window with a toast');

  // Hovered, it stays past its time; left alone, it goes.
  await toast.hover();
  await page.waitForTimeout(7000);
  await expect(toast).toBeVisible();
  await page.mouse.move(5, 300);
  await expect(toast).toHaveCount(0, { timeout: 8000 });
  // The live region itself stays in the page, ready for the next message.
  await expect(app.toasts).toBeAttached();
});

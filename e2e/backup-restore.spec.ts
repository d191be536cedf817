import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { closeNotesDatabase, openNotesDatabase } from '../src-main/db/open-database';
import { NotesRepository } from '../src-main/db/notes-repository';
import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Tier 1 through the bridge: the REAL controller, the REAL built job worker and a real
// database in a temp user-data folder; only the native file dialogs answer from the test.
test.describe.configure({ timeout: 90_000 });

const PASSKEY = 'copper kettle wanders past midnight';

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

function backupDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Back up your notes' });
}

function restoreDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Restore from a backup' });
}

/** A backup made by the controller itself, for the restore scenarios. */
async function backupFile(bridge: NotevaultBridge): Promise<string> {
  await bridge.services.backup.chooseFolder();
  const made = await bridge.services.backup.createBackup({ passkey: PASSKEY });
  return join(made.folder, made.fileName);
}

const titles = (bridge: NotevaultBridge) =>
  bridge.notes
    .list()
    .items.map((n) => `${n.title}: ${n.body}`)
    .sort();

async function restoreWith(page: Page, bridge: NotevaultBridge, file: string, passkey: string) {
  bridge.dialogs.backupFile = file;
  await new NotesPage(page).toolbar.getByRole('button', { name: 'Restore…' }).click();
  const dialog = restoreDialog(page);
  await dialog.getByRole('button', { name: 'Choose backup file…' }).click();
  await dialog.getByLabel('Passkey of this backup').fill(passkey);
  await dialog.getByRole('button', { name: 'Show what is inside' }).click();
  return dialog;
}

test('back up, lose notes, restore them: the notes come back and a safety backup exists', async ({
  page,
  bridge,
}, testInfo) => {
  bridge.notes.create({ title: 'Groceries', body: 'oat milk, eggs' });
  bridge.notes.create({ title: 'Plans', body: 'ferry on Friday' });
  await page.setViewportSize({ width: 1100, height: 760 });
  const app = new NotesPage(page);
  await app.open();
  await shoot(page, testInfo, 'main-window-backup-restore');

  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = backupDialog(page);
  await expect(dialog.getByText('nobody, not even NoteVault, can open the backup again')).toBeVisible();
  await dialog.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(dialog.getByText(bridge.backupFolder)).toBeVisible();
  await dialog.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await dialog.getByLabel('Passkey again').fill(`${PASSKEY}!`);
  await expect(dialog.getByText('The two passkeys are different.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Start backup' })).toBeDisabled();
  await dialog.getByLabel('Passkey again').fill(PASSKEY);
  await expect(dialog.getByText(/Strength: (Strong|Very strong)\./)).toBeVisible();
  await shoot(page, testInfo, 'backup-dialog');
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Backup progress' })).toBeVisible();
  await expect(dialog.getByText('Backup saved.')).toBeVisible({ timeout: 30_000 });
  const [fileName] = readdirSync(bridge.backupFolder);
  expect(fileName).toMatch(/^NoteVault-.*\.nvbak$/);
  await expect(dialog.getByText(fileName ?? '')).toBeVisible();
  await dialog.getByRole('button', { name: 'Show in folder' }).click();
  expect(bridge.dialogs.shownInFolder).toEqual([join(bridge.backupFolder, fileName ?? '')]);
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The manual backup counts for the schedule: recorded as the last success, listed as verified.
  expect(bridge.services.schedule.state.get().lastSuccess).toMatchObject({ kind: 'manual', noteCount: 2 });
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByRole('row').filter({ hasText: 'Manual' })).toContainText('Verified · 2 notes');
  await backups.getByRole('button', { name: 'Back to notes' }).click();

  // Lose the notes, through the router as the window would, and write a new one.
  for (const note of bridge.notes.list().items) {
    await bridge.dispatch('notes:trash', { id: note.id });
    await bridge.dispatch('notes:purge', { id: note.id });
  }
  await bridge.dispatch('notes:create', { title: 'Written after', body: '' });
  await expect.poll(() => app.entryTitles()).toEqual(['Written after']);

  const restore = await restoreWith(page, bridge, join(bridge.backupFolder, fileName ?? ''), PASSKEY);
  await expect(restore.getByRole('heading', { name: 'Come back: 2' })).toBeVisible({ timeout: 30_000 });
  await expect(restore.getByRole('heading', { name: 'Disappear: 1' })).toBeVisible();
  await expect(restore.getByText('Written after')).toBeVisible();
  await expect(restore.getByText('Your current notes will be replaced')).toBeVisible();
  await expect(restore.getByText('A safety backup of your current notes is made first')).toBeVisible();
  await shoot(page, testInfo, 'restore-preview');
  await restore.getByRole('button', { name: 'Replace my notes' }).click();
  await expect(restore.getByText('Restored 2 notes.')).toBeVisible({ timeout: 30_000 });
  await restore.getByRole('button', { name: 'Done' }).click();

  await expect.poll(() => app.entryTitles()).toEqual(['Plans', 'Groceries']);
  await expect(app.toolbar.getByRole('status')).toHaveText('Restored 2 notes from the backup.');
  expect(titles(bridge)).toEqual(['Groceries: oat milk, eggs', 'Plans: ferry on Friday']);
  const safety = readdirSync(bridge.backupFolder).filter((name) => name.endsWith('-before-restore.nvbak'));
  expect(safety).toHaveLength(1);
});

test('a wrong passkey and a damaged backup are refused and change nothing', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Backed up', body: 'old' });
  const file = await backupFile(bridge);
  bridge.notes.create({ title: 'Current only', body: 'new' });
  const before = titles(bridge);
  const app = new NotesPage(page);
  await app.open();

  const dialog = await restoreWith(page, bridge, file, 'not the passkey');
  await expect(dialog.getByRole('alert')).toContainText(
    'That passkey does not open this backup. Nothing was changed.',
    { timeout: 30_000 },
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // One flipped byte in the middle of the encrypted notes.
  const bytes = readFileSync(file);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);
  await restoreWith(page, bridge, file, PASSKEY);
  await expect(dialog.getByRole('alert')).toContainText(
    'This backup file is damaged and cannot be restored.',
    {
      timeout: 30_000,
    },
  );
  expect(titles(bridge)).toEqual(before);
  expect(readdirSync(bridge.backupFolder)).toHaveLength(1);
  await expect.poll(() => app.entryTitles()).toEqual(['Current only', 'Backed up']);
});

test('Escape cancels a running backup of a large database, and no file is left behind', async ({
  page,
  bridge,
}) => {
  // About 40 MB, written in one transaction through a second connection (WAL allows it).
  const db = openNotesDatabase(bridge.services.holder.databasePath);
  try {
    const notes = new NotesRepository(db);
    const chunk = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(1000);
    db.transaction(() => {
      for (let i = 0; i < 40; i++) notes.create({ title: `Big ${i}`, body: `${i} ${chunk.repeat(28)}` });
    })();
  } finally {
    closeNotesDatabase(db);
  }
  await bridge.services.backup.chooseFolder();
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = backupDialog(page);
  await dialog.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await dialog.getByLabel('Passkey again').fill(PASSKEY);
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Backup progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', /\d+/);
  // Escape while a backup runs asks it to stop; the dialog stays to say how it ended.
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('alert')).toContainText(
    'The backup was cancelled. No backup file was left behind.',
    {
      timeout: 30_000,
    },
  );
  expect(readdirSync(bridge.backupFolder)).toEqual([]);
  expect(bridge.services.backup.isBusy()).toBe(false);
});

test('keyboard only: open the backup dialog, type the passkey twice, back up, close', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Typed', body: 'by keyboard' });
  await bridge.services.backup.chooseFolder();
  const app = new NotesPage(page);
  await app.open();
  const keyboard = page.keyboard;
  await app.newNoteButton.focus();
  const backupButton = app.toolbar.getByRole('button', { name: 'Back up…' });
  while (!(await backupButton.evaluate((el) => el === document.activeElement)))
    await keyboard.press('ArrowRight');
  await keyboard.press('Enter');
  const dialog = backupDialog(page);
  await expect(dialog.getByLabel('Passkey', { exact: true })).toBeFocused();
  await keyboard.type(PASSKEY);
  await keyboard.press('Tab');
  await expect(dialog.getByLabel('Passkey again')).toBeFocused();
  await keyboard.type(PASSKEY);
  await expect(dialog.getByRole('button', { name: 'Start backup' })).toBeEnabled();
  await keyboard.press('Enter');
  await expect(dialog.getByText('Backup saved.')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(backupButton).toBeFocused();
  expect(readdirSync(bridge.backupFolder)).toHaveLength(1);
});

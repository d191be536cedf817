import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Tier 1 through the bridge: the app's own services (scheduler, run service, sealed key store,
// the built job and key workers, real SQLite and libsodium) in the test process. The seams are
// the scheduler's clock (moved by the test), the test keychain and the native dialogs.
test.describe.configure({ timeout: 120_000 });

const PASSKEY = 'lantern orchard drifts over granite';

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A backup row's rarer actions sit in its "More…" menu. */
async function chooseFromRowMenu(row: Locator, item: RegExp): Promise<void> {
  await row.getByRole('button', { name: /^More actions for the backup of/ }).click();
  await row.getByRole('menuitem', { name: item }).click();
}

const liveTitles = (bridge: NotevaultBridge) =>
  bridge.notes
    .list()
    .items.map((n) => n.title)
    .sort();

test('a daily schedule backs up on time; the backup is verified, browsed, a lost note brought back, then restored whole', async ({
  page,
  bridge,
}, testInfo) => {
  bridge.notes.create({ title: 'Shopping list', body: 'eggs, flour' });
  const lost = bridge.notes.create({ title: 'Grandma recipe', body: 'two cups of patience' });
  const app = new NotesPage(page);
  await app.open();

  // Settings: choose the folder (the stubbed dialog answers), then turn on a daily schedule.
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(settings.getByText(bridge.backupFolder)).toBeVisible();
  await expect(settings.getByText(/kept sealed by the test keychain/)).toBeVisible();
  await settings.getByLabel('How often').selectOption('daily');
  await settings.getByRole('button', { name: 'Turn on scheduled backups' }).click();
  const prompt = page.getByRole('dialog', { name: 'Turn on scheduled backups' });
  await prompt.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await prompt.getByLabel('Passkey again').fill('not the same');
  await expect(prompt.getByText('The two passkeys are different.')).toBeVisible();
  await expect(prompt.getByRole('button', { name: 'Turn on' })).toBeDisabled();
  await prompt.getByLabel('Passkey again').fill(PASSKEY);
  await prompt.getByRole('button', { name: 'Turn on' }).click();
  await expect(settings.getByRole('button', { name: 'Turn off and forget passkey' })).toBeVisible({
    timeout: 30_000,
  });
  expect(bridge.services.settings.get().schedule).toBe('daily');

  // The backups view: nothing yet, the next run planned after the start-up grace.
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByText(/There are no backups in/)).toBeVisible();
  await expect(backups.getByRole('definition').filter({ hasText: 'Every day' })).toBeVisible();
  const nextRunAt = bridge.services.schedule.status().nextRunAt;
  expect(nextRunAt).not.toBeNull();

  // Time passes past the planned run: the scheduler runs a real backup with the sealed key.
  await bridge.clock.advance((nextRunAt ?? 0) - bridge.clock.now() + 1000);
  const row = backups.getByRole('row').filter({ hasText: 'Scheduled' });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toContainText('Verified · 2 notes');
  await expect(backups.getByText(/succeeded \(2 notes\)/)).toBeVisible();
  const [fileName] = readdirSync(bridge.backupFolder).filter((name) => name.endsWith('-scheduled.nvbak'));
  expect(fileName).toBeDefined();

  // A note is lost after the backup.
  bridge.notes.trash(lost.id);
  bridge.notes.purge(lost.id);
  expect(liveTitles(bridge)).toEqual(['Shopping list']);

  // Verify: with the schedule on, the saved key checks it without asking.
  await row.getByRole('button', { name: /^Verify backup of/ }).click();
  await expect(backups.getByRole('status').filter({ hasText: /is intact: 2 notes\./ })).toBeVisible({
    timeout: 30_000,
  });
  await shoot(page, testInfo, 'backups-view');

  // Browse: open with the passkey, read the lost note, bring it back as a new note.
  await row.getByRole('button', { name: /^Browse backup of/ }).click();
  const open = page.getByRole('dialog', { name: 'Browse a backup' });
  await open.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await open.getByRole('button', { name: 'Open' }).click();
  const browse = page.getByRole('region', { name: /^Backup of/ });
  const notesInBackup = browse.getByRole('list', { name: 'Notes in this backup' });
  await expect(notesInBackup.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
  await browse.getByLabel('Search this backup').fill('patience');
  await expect(notesInBackup.getByRole('listitem')).toHaveCount(1);
  await notesInBackup.getByRole('button', { name: 'Grandma recipe' }).click();
  await expect(browse.getByRole('article').getByText('two cups of patience')).toBeVisible();
  await browse.getByRole('checkbox', { name: 'Select Grandma recipe' }).check();
  await shoot(page, testInfo, 'browse-view');
  await browse.getByRole('button', { name: 'Bring back as new (1)' }).click();
  await expect(browse.getByRole('status')).toHaveText('Brought back 1 note as a new note.');
  expect(liveTitles(bridge)).toEqual(['Grandma recipe', 'Shopping list']);
  await expect(app.entry('Grandma recipe')).toBeVisible();
  await browse.getByRole('button', { name: 'Close backup' }).click();
  await expect(backups).toBeVisible();
  // The page leaves the view at once and sends browse:close without waiting for it (as in the
  // app), so the decrypted copy is gone a moment later, not necessarily when the view is.
  await expect
    .poll(() => readdirSync(join(bridge.userDataDir, '..', 'tmp')).filter((n) => n.includes('browse')))
    .toEqual([]);

  // Restore the scheduled backup whole, from its row: no file dialog, straight to the passkey.
  bridge.notes.create({ title: 'Written after the backup', body: 'gone after the restore' });
  await chooseFromRowMenu(row, /^Restore backup of/);
  const restore = page.getByRole('dialog', { name: 'Restore from a backup' });
  await expect(restore.getByText(fileName ?? '')).toBeVisible();
  await expect(restore.getByText(bridge.backupFolder)).toBeVisible();
  await expect(restore.getByLabel('Passkey of this backup')).toBeFocused();
  await restore.getByLabel('Passkey of this backup').fill(PASSKEY);
  await restore.getByRole('button', { name: 'Show what is inside' }).click();
  await restore.getByRole('button', { name: 'Replace my notes' }).click({ timeout: 30_000 });
  await expect(restore.getByText('Restored 2 notes.')).toBeVisible({ timeout: 30_000 });
  await restore.getByRole('button', { name: 'Done' }).click();
  expect(liveTitles(bridge)).toEqual(['Grandma recipe', 'Shopping list']);
  expect(bridge.notes.get(lost.id).body).toBe('two cups of patience');
  // The view stays, and lists the safety backup of the notes the restore replaced.
  await expect(backups.getByRole('row').filter({ hasText: 'Before restore' })).toHaveCount(1);
});

test('deleting a backup asks first, and names that are not backups in the folder are refused', async ({
  page,
  bridge,
}) => {
  await bridge.services.settings.chooseBackupFolder();
  bridge.notes.create({ title: 'One', body: 'x' });
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  const row = backups.getByRole('row').filter({ hasText: 'Manual' });
  await expect(row).toContainText('Verified · 1 note');
  await chooseFromRowMenu(row, /^Show in folder backup of/);
  await expect.poll(() => bridge.dialogs.shownInFolder.length).toBe(1);

  // Main's native confirmation, answered Cancel, then Delete.
  bridge.dialogs.confirm = false;
  await chooseFromRowMenu(row, /^Delete backup of/);
  await expect.poll(() => bridge.dialogs.asked.length).toBe(1);
  expect(bridge.dialogs.asked[0]?.message).toBe('Delete this backup?');
  expect(readdirSync(bridge.backupFolder)).toHaveLength(1);
  bridge.dialogs.confirm = true;
  await chooseFromRowMenu(row, /^Delete backup of/);
  await expect(backups.getByText(/There are no backups in/)).toBeVisible();
  expect(readdirSync(bridge.backupFolder)).toEqual([]);

  for (const name of ['../settings.json', 'settings.json', '..', 'x/../y.nvbak']) {
    const result = await bridge.dispatch('backups:delete', { name });
    expect(result.ok).toBe(false);
  }
  const turnOn = await bridge.dispatch('settings:update', { schedule: 'hourly' });
  expect(turnOn).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

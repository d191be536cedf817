import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';
import { PASSKEY, backupDialog } from './support/scenarios/backup-scenarios';
import { v2BackupsFor } from './support/v2-backups';
import { backupMadeElsewhere } from './support/backup-made-elsewhere';
import { verifyBackup } from '../src-main/backup/verify-backup';

/** The restore dialog's step asking which passkey protects the copy of the current notes. */
const SAFETY_STEP = 'Your passkey, to protect a copy of your current notes made before the restore';
const OWN = 'saffron-glacier-tunnel-58';

// Tier 1, issue #14: the main flows done with the keyboard alone. After the page loads only
// page.keyboard acts (locators only assert); the native dialogs answer from the bridge's stubs.
// After every key, focus must be on something: a step that drops it to <body> leaves a keyboard
// user nowhere, so each press waits for focus to settle off <body> before the next one.
test.describe.configure({ timeout: 60_000 });
test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

/** What has focus, for the failure message: tag and accessible name or text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    const name = active.getAttribute('aria-label') ?? active.textContent?.trim() ?? '';
    return `${active.tagName.toLowerCase()}: ${name.slice(0, 60)}`;
  });
}

/** The keyboard, checked: after every key focus is somewhere other than <body>. */
class Keys {
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
    await this.expectFocusKept(key);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    await this.expectFocusKept(`typing "${text}"`);
  }

  /** Presses `key` (Tab by default) until `target` has focus; at most `limit` presses. */
  async moveTo(target: Locator, key = 'Tab', limit = 25): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
      await this.press(key);
    }
    const at = await focusedName(this.page);
    await expect(target, `${limit} × ${key} never reached it (focus is on ${at})`).toBeFocused({
      timeout: 1,
    });
  }

  /** A step may move focus a frame later (dialogs give it back on close): wait for it to settle. */
  async expectFocusKept(step: string): Promise<void> {
    await expect
      .poll(() => focusedName(this.page), { message: `focus fell to <body> after ${step}`, timeout: 1_000 })
      .not.toBe('body');
  }
}

async function open(page: Page): Promise<{ app: NotesPage; keys: Keys }> {
  await page.setViewportSize({ width: 1100, height: 760 });
  const app = new NotesPage(page);
  await app.open();
  return { app, keys: new Keys(page) };
}

/** A manual backup made by the app's own runner before the page opens; its file. */
async function backUpFirst(bridge: NotevaultBridge): Promise<string> {
  await bridge.services.settings.chooseBackupFolder();
  await bridge.services.runner.runManual({ passkey: PASSKEY });
  const [file = ''] = readdirSync(bridge.backupFolder);
  return join(bridge.backupFolder, file);
}

/** The before-restore copies of the current notes, as paths. */
function safetyCopies(bridge: NotevaultBridge): string[] {
  return readdirSync(bridge.backupFolder)
    .filter((name) => name.endsWith('-before-restore.nvbak'))
    .map((name) => join(bridge.backupFolder, name));
}

function stored(bridge: NotevaultBridge): string[] {
  return bridge.notes
    .list()
    .items.map((note) => `${note.title}: ${note.body}`)
    .sort();
}

test('write a note: Ctrl+N, the title, Tab to the text, and it is saved and listed', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Older', body: 'already here' });
  const { app, keys } = await open(page);
  await keys.press('Control+n');
  await expect(app.title).toBeFocused();
  await keys.type('Shopping');
  await keys.moveTo(app.body);
  await keys.type('bread and olives');
  await expect(app.saveStatus).toHaveText(/^Saved at \d\d:\d\d$/);
  await expect(app.entry('Shopping')).toBeVisible();
  await expect.poll(() => stored(bridge)).toEqual(['Older: already here', 'Shopping: bread and olives']);
});

test('back up: Tab to "Back up…", the passkey twice, start, and close when done', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Typed', body: 'by keyboard' });
  await bridge.services.settings.chooseBackupFolder();
  const { app, keys } = await open(page);
  const backUp = app.toolbar.getByRole('button', { name: 'Back up…' });
  await keys.moveTo(backUp);
  await keys.press('Enter');
  const dialog = backupDialog(page);
  await expect(dialog.getByLabel('Passkey', { exact: true })).toBeFocused();
  await keys.type(PASSKEY);
  await keys.moveTo(dialog.getByLabel('Passkey again'));
  await keys.type(PASSKEY);
  // The strength check is asynchronous; until it answers Start backup is disabled, so no Tab stop.
  await expect(dialog.getByRole('button', { name: 'Start backup' })).toBeEnabled();
  await keys.moveTo(dialog.getByRole('button', { name: 'Start backup' }));
  await keys.press('Enter');
  await expect(dialog.getByText('Backup saved.')).toBeVisible({ timeout: 30_000 });
  await keys.expectFocusKept('the backup finished');
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await keys.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(backUp).toBeFocused();
  expect(readdirSync(bridge.backupFolder)).toEqual([expect.stringMatching(/^NoteVault-.*\.nvbak$/)]);
  expect(bridge.services.schedule.status().status.lastSuccess).toMatchObject({
    kind: 'manual',
    noteCount: 1,
  });
});

test('restore: choose the file, the passkey, the preview, replace, done', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Backed up', body: 'old' });
  bridge.dialogs.backupFile = await backUpFirst(bridge);
  bridge.notes.create({ title: 'Written after', body: 'new' });
  const { app, keys } = await open(page);
  await keys.moveTo(app.toolbar.getByRole('button', { name: 'Restore…' }));
  await keys.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
  await expect(dialog.getByRole('button', { name: 'Choose backup file…' })).toBeFocused();
  await keys.press('Enter');
  await expect(dialog.getByLabel('Passkey of this backup')).toBeFocused();
  await keys.type(PASSKEY);
  await keys.press('Enter');
  await expect(dialog.getByRole('heading', { name: '1 note disappears' })).toBeVisible({ timeout: 30_000 });
  await keys.expectFocusKept('the preview appeared');
  // The backup kept its passkey's public key here, so the safety copy is written for it and no
  // passkey step stands between the preview and Replace (the step's own flow is the next test).
  await expect(dialog.getByRole('group', { name: SAFETY_STEP })).toHaveCount(0);
  await keys.moveTo(dialog.getByRole('button', { name: 'Replace my notes' }));
  await keys.press('Enter');
  await expect(dialog.getByText('Restored 1 note.')).toBeVisible({ timeout: 30_000 });
  await keys.expectFocusKept('the restore finished');
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await keys.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.toolbar.getByRole('button', { name: 'Restore…' })).toBeFocused();
  expect(bridge.dialogs.asked).toHaveLength(1);
  expect(stored(bridge)).toEqual(['Backed up: old']);
  const copies = safetyCopies(bridge);
  expect(copies).toHaveLength(1);
  expect(
    (await verifyBackup({ file: copies[0] ?? '', keySource: { passkey: PASSKEY } })).metadata.noteCount,
  ).toBe(2);
});

test('restore onto a fresh install: the safety passkey step, unticked with Space, your own passkey twice', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Here now', body: 'current' });
  // Made by another installation: this one keeps no passkey, so the dialog asks for one.
  bridge.dialogs.backupFile = await backupMadeElsewhere({
    folder: bridge.backupFolder,
    fileName: 'NoteVault-from-elsewhere.nvbak',
    passkey: PASSKEY,
    notes: [{ title: 'Backed up', body: 'old' }],
  });
  const { app, keys } = await open(page);
  await keys.moveTo(app.toolbar.getByRole('button', { name: 'Restore…' }));
  await keys.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
  await expect(dialog.getByRole('button', { name: 'Choose backup file…' })).toBeFocused();
  await keys.press('Enter');
  await expect(dialog.getByLabel('Passkey of this backup')).toBeFocused();
  await keys.type(PASSKEY);
  await keys.press('Enter');
  await expect(dialog.getByRole('heading', { name: '1 note disappears' })).toBeVisible({ timeout: 30_000 });
  await keys.expectFocusKept('the preview appeared');
  const step = dialog.getByRole('group', { name: SAFETY_STEP });
  const same = step.getByLabel("Use the same passkey as this backup's for the copy of my current notes");
  await expect(same).toBeChecked();
  // Focus starts on Cancel, after the step: back one stop. (Forward, a Tab past Replace leaves
  // Chromium's modal <dialog> for the browser's own controls, which Keys counts as <body>.)
  await keys.moveTo(same, 'Shift+Tab');
  await keys.press('Space');
  await expect(same).not.toBeChecked();
  await keys.moveTo(step.getByLabel('Your passkey', { exact: true }));
  await keys.type(OWN);
  await keys.moveTo(step.getByLabel('Your passkey again'));
  await keys.type(OWN);
  const replace = dialog.getByRole('button', { name: 'Replace my notes' });
  await expect(replace).toBeEnabled();
  await keys.moveTo(replace);
  await keys.press('Enter');
  await expect(dialog.getByText('Restored 1 note.')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await keys.press('Enter');
  await expect(dialog).toBeHidden();
  expect(stored(bridge)).toEqual(['Backed up: old']);
  const copies = safetyCopies(bridge);
  expect(copies).toHaveLength(1);
  expect(
    (await verifyBackup({ file: copies[0] ?? '', keySource: { passkey: OWN } })).metadata.noteCount,
  ).toBe(1);
});

test('browse a backup from the Backups view, tick one note and bring it back', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Kept', body: 'stays' });
  const lost = bridge.notes.create({ title: 'Lost', body: 'comes back' });
  await backUpFirst(bridge);
  bridge.notes.trash(lost.id);
  bridge.notes.purge(lost.id);
  const { app, keys } = await open(page);
  await keys.moveTo(app.toolbar.getByRole('button', { name: 'Backups' }));
  await keys.press('Enter');
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups).toBeVisible();
  const row = backups.getByRole('row').filter({ hasText: 'Manual' });
  // The table is one Tab stop; the arrow keys move between its buttons.
  await keys.moveTo(row.getByRole('button', { name: /^Verify backup of/ }));
  await keys.moveTo(row.getByRole('button', { name: /^Browse backup of/ }), 'ArrowRight', 3);
  await keys.press('Enter');
  const prompt = page.getByRole('dialog', { name: 'Browse a backup' });
  await expect(prompt.getByLabel('Passkey', { exact: true })).toBeFocused();
  await keys.type(PASSKEY);
  await keys.press('Enter');
  const browse = page.getByRole('region', { name: /^Backup of/ });
  await expect(browse.getByRole('heading', { level: 2 })).toBeFocused({ timeout: 30_000 });
  await keys.moveTo(browse.getByRole('checkbox', { name: 'Select Lost' }));
  await keys.press('Space');
  await expect(browse.getByRole('checkbox', { name: 'Select Lost' })).toBeChecked();
  await keys.moveTo(browse.getByRole('button', { name: 'Bring back as new (1)' }));
  await keys.press('Enter');
  await expect(browse.getByRole('status')).toContainText(/brought back/i);
  await keys.expectFocusKept('bringing the note back');
  await expect(browse.getByRole('checkbox', { name: 'Select Lost' })).toBeFocused();
  await keys.press('Escape');
  await expect(browse).toHaveCount(0);
  await expect(backups.getByRole('heading', { name: 'Backups', level: 2 })).toBeFocused();
  await keys.press('Escape');
  await expect(backups).toHaveCount(0);
  await expect(app.toolbar.getByRole('button', { name: 'Backups' })).toBeFocused();
  await expect(app.entry('Lost')).toBeVisible();
  expect(stored(bridge)).toEqual(['Kept: stays', 'Lost: comes back']);
});

test('trash: move a note to the trash, open Trash, empty it', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Keep me', body: 'x' });
  bridge.notes.create({ title: 'Throw away', body: 'y' });
  const { app, keys } = await open(page);
  // The list is one Tab stop; its entry for the newest note opens it.
  await keys.moveTo(app.entry('Throw away'));
  await keys.press('Enter');
  await expect(app.title).toHaveValue('Throw away');
  await keys.moveTo(app.moveToTrashButton);
  await keys.press('Enter');
  await expect(app.entry('Throw away')).toHaveCount(0);
  await keys.moveTo(app.trashButton, 'Shift+Tab');
  await keys.press('Enter');
  await expect(app.trash).toBeVisible();
  await keys.moveTo(app.trash.getByRole('button', { name: 'Empty trash' }));
  await keys.press('Enter');
  await expect(app.trash.getByText('The trash is empty.')).toBeVisible();
  await expect(app.trash.getByRole('heading', { name: 'Trash' })).toBeFocused();
  expect(bridge.dialogs.asked).toHaveLength(1);
  expect(bridge.notes.list({ trashed: true }).items).toEqual([]);
  await keys.press('Escape');
  await expect(app.trash).toHaveCount(0);
  await expect(app.trashButton).toBeFocused();
  expect(stored(bridge)).toEqual(['Keep me: x']);
});

// Issue #16: the recovery code, the passkey change and a recovery code instead of a passkey.
const NEW_PASSKEY = 'lantern orbit maple seventeen drift';

test('recovery code: Settings, create, print the sheet, tick saved, done', async ({ page, bridge }) => {
  await page.addInitScript(() => {
    // The system print dialog cannot be driven from a test.
    window.print = () => undefined;
  });
  const { app, keys } = await open(page);
  await keys.moveTo(app.toolbar.getByRole('button', { name: 'Settings' }));
  await keys.press('Enter');
  const settings = page.getByRole('region', { name: 'Settings' });
  await keys.moveTo(settings.getByRole('button', { name: 'Create a recovery code…' }));
  await keys.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create a recovery code' });
  await expect(dialog.getByRole('button', { name: 'Create recovery code' })).toBeFocused();
  await keys.press('Enter');
  const shown = page.getByRole('dialog', { name: 'Your recovery code' });
  await expect(shown.getByRole('button', { name: 'Print recovery sheet' })).toBeFocused();
  await keys.press('Enter');
  // Escape does not close it before the code is saved.
  await keys.press('Escape');
  await expect(shown).toBeVisible();
  await keys.moveTo(shown.getByRole('checkbox', { name: 'I have saved or printed it' }));
  await keys.press('Space');
  await keys.moveTo(shown.getByRole('button', { name: 'Done' }));
  await keys.press('Enter');
  await expect(shown).toBeHidden();
  await expect(settings.getByRole('button', { name: 'Replace recovery code…' })).toBeFocused();
  expect(bridge.dialogs.asked).toEqual([]);
});

test('change passkey: the current one, the new one twice, the result, Escape', async ({ page, bridge }) => {
  // A v2 backup: only those have a passkey slot to give the new passkey.
  await bridge.services.settings.chooseBackupFolder();
  await v2BackupsFor(PASSKEY, bridge.backupFolder, bridge.userDataDir, 1);
  const { app, keys } = await open(page);
  await keys.moveTo(app.toolbar.getByRole('button', { name: 'Settings' }));
  await keys.press('Enter');
  const settings = page.getByRole('region', { name: 'Settings' });
  await keys.moveTo(settings.getByRole('button', { name: 'Change passkey…' }));
  await keys.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Change your passkey' });
  await expect(dialog.getByLabel('Current passkey')).toBeFocused();
  await keys.type(PASSKEY);
  await keys.press('Tab');
  await expect(dialog.getByLabel('New passkey', { exact: true })).toBeFocused();
  await keys.type(NEW_PASSKEY);
  await keys.press('Tab');
  await expect(dialog.getByLabel('New passkey again')).toBeFocused();
  await keys.type(NEW_PASSKEY);
  await expect(dialog.getByRole('button', { name: 'Change passkey' })).toBeEnabled({ timeout: 15_000 });
  await keys.press('Enter');
  await expect(dialog.getByRole('status')).toContainText('1 backup in your backup folder now open', {
    timeout: 60_000,
  });
  await keys.expectFocusKept('the change finished');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await keys.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(settings.getByRole('button', { name: 'Change passkey…' })).toBeFocused();
  expect(bridge.dialogs.asked.map((q) => q.message)).toEqual(['Change the passkey of your backups?']);
});

test('restore with the recovery code instead of the passkey', async ({ page, bridge }) => {
  bridge.notes.create({ title: 'Backed up', body: 'old' });
  await bridge.services.settings.chooseBackupFolder();
  const code = (await bridge.services.recoveryCodes.create())?.code ?? '';
  bridge.dialogs.backupFile = await backUpFirst(bridge);
  bridge.notes.create({ title: 'Written after', body: 'new' });
  const { app, keys } = await open(page);
  await keys.moveTo(app.toolbar.getByRole('button', { name: 'Restore…' }));
  await keys.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
  await keys.press('Enter');
  await expect(dialog.getByLabel('Passkey of this backup')).toBeFocused();
  await keys.moveTo(dialog.getByRole('button', { name: 'Use a recovery code instead' }));
  await keys.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'Recovery code' })).toBeFocused();
  await keys.type(code);
  await keys.press('Enter');
  await expect(dialog.getByRole('heading', { name: '1 note disappears' })).toBeVisible({ timeout: 30_000 });
  await keys.expectFocusKept('the preview appeared');
  await keys.moveTo(dialog.getByRole('button', { name: 'Replace my notes' }));
  await keys.press('Enter');
  await expect(dialog.getByText('Restored 1 note.')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await keys.press('Enter');
  await expect(dialog).toBeHidden();
  expect(stored(bridge)).toEqual(['Backed up: old']);
});

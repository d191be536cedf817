import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';
import { TagsRepository } from '../src-main/db/tags-repository';
import { NoteVersionsRepository } from '../src-main/db/note-versions-repository';
import { vaultFingerprint } from '../test/main/export/vault-fingerprint';
import type { NoteFingerprint } from '../test/main/export/vault-fingerprint';

// Issue #15: import and export in the window. Main opens the native dialogs (answered here
// with the fixture files in the repository), runs the job in the built worker, and the dialog
// shows the counts and each skipped item with its reason; exporting then importing loses nothing.
const FIXTURES = resolve(__dirname, '../test/fixtures/import');

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

async function openSettings(page: Page) {
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  return page.getByRole('region', { name: 'Settings' });
}

async function importThroughWindow(
  page: Page,
  bridge: NotevaultBridge,
  source: string,
  kind: 'folder' | 'file',
) {
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import notes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import notes' });
  bridge.dialogs.importSource = source;
  await dialog
    .getByRole('button', { name: kind === 'folder' ? 'Choose a folder…' : 'Choose a file…' })
    .click();
  await expect(dialog.getByText(/^Imported \d+ notes?/)).toBeVisible();
  return dialog;
}

const SOURCES = [
  {
    name: 'a Markdown folder',
    source: 'markdown',
    kind: 'folder',
    format: 'Markdown',
    reason: /the image was not found/,
  },
  {
    name: 'an Evernote .enex',
    source: 'evernote.enex',
    kind: 'file',
    format: 'Evernote',
    reason: /missing from the \.enex file/,
  },
  {
    name: 'a Simplenote export',
    source: 'simplenote.json',
    kind: 'file',
    format: 'Simplenote',
    reason: /trashed notes are not imported/,
  },
  {
    name: 'a Standard Notes backup',
    source: 'standardnotes-backup.txt',
    kind: 'file',
    format: 'Standard Notes',
    reason: /it is encrypted/,
  },
] as const;

for (const { name, source, kind, format, reason } of SOURCES) {
  test(`imports ${name}: counts, each skipped item with its reason, then undo in one step`, async ({
    page,
    bridge,
  }) => {
    const before = bridge.notes.count();
    const dialog = await importThroughWindow(page, bridge, join(FIXTURES, source), kind);
    const imported = bridge.notes.count() - before;
    expect(imported).toBeGreaterThan(0);
    await expect(dialog.getByRole('status')).toContainText(
      `Imported ${imported} note${imported === 1 ? '' : 's'}`,
    );
    await expect(dialog.getByRole('status')).toContainText(`(${format})`);
    // The skipped list is a focusable region a keyboard can scroll, each line with its reason.
    const skipped = dialog.getByRole('region', { name: /^Skipped \(\d+\)$/ });
    await expect(skipped.getByRole('listitem').filter({ hasText: reason })).toHaveCount(1);
    await skipped.focus();
    await expect(skipped).toBeFocused();
    // The new notes are in the list behind the dialog.
    const titles = bridge.notes.list({ limit: 500 }).items.map((note) => note.title);
    expect(titles.length).toBe(before + imported);

    await dialog.getByRole('button', { name: 'Undo import' }).click();
    await expect(
      dialog.getByText(`Moved ${imported} note${imported === 1 ? '' : 's'} of this import to the trash`),
    ).toBeVisible();
    expect(bridge.notes.count()).toBe(before);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
  });
}

/** A vault with tags, pinned, an image shown twice, a file, kept versions and the trash. */
function seedVault(bridge: NotevaultBridge): void {
  const notes = bridge.notes;
  const image = notes.attachments.add({
    data: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMAAAAUAAQ0FBSYAAAAASUVORK5CYII=',
      'base64',
    ),
    fileName: 'ferry.png',
    mediaType: 'image/png',
  });
  const pdf = notes.attachments.add({
    data: Buffer.from('%PDF-1.4 timetable'),
    fileName: 'timetable.pdf',
    mediaType: 'application/pdf',
  });
  const tags = new TagsRepository(bridge.services.holder.connection());
  const trip = notes.create({
    title: 'Island trip',
    body: `Ferry at 9.\n\n${image.markdown}\n\n${pdf.markdown}\n`,
    pinned: true,
    createdAt: Date.UTC(2025, 4, 1, 8, 0, 0, 5),
    updatedAt: Date.UTC(2025, 4, 2, 9, 30, 0, 7),
  });
  tags.add(trip.id, ['travel/islands', 'summer']);
  const again = notes.create({ title: 'Ferry photo', body: `Again: ${image.markdown}` });
  tags.add(again.id, ['travel']);
  const draft = notes.create({ title: 'Draft', body: 'first words' });
  new NoteVersionsRepository(bridge.services.holder.connection(), notes).update(draft.id, {
    body: 'better words',
  });
  notes.trash(notes.create({ title: 'Binned', body: 'in the trash' }).id);
}

/** Each note once, as imported copies come back beside the originals. */
function distinct(notes: NoteFingerprint[]): NoteFingerprint[] {
  const seen = new Set<string>();
  return notes.filter((note) => {
    const key = JSON.stringify(note);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

test('exports one JSON file with history and imports it back with nothing lost', async ({ page, bridge }) => {
  seedVault(bridge);
  const original = vaultFingerprint(bridge.services.holder.connection());
  expect(original.some((note) => note.versions.length > 0)).toBe(true);
  const out = mkdtempSync(join(tmpdir(), 'notevault-e2e-export-'));
  try {
    const settings = await openSettings(page);
    await settings.getByRole('button', { name: 'Export notes…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export notes' });
    await dialog.getByRole('radio', { name: /One NoteVault file/ }).check();
    await dialog.getByRole('checkbox', { name: "Include each note's history" }).check();
    bridge.dialogs.exportTo = join(out, 'notes.json');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText(
      `Exported ${original.length} notes with 2 attachments`,
    );
    expect(bridge.dialogs.suggestedExportNames).toEqual([
      expect.stringMatching(/^NoteVault notes .*\.json$/),
    ]);
    await dialog.getByRole('button', { name: 'Done' }).click();

    await settings.getByRole('button', { name: 'Import notes…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import notes' });
    bridge.dialogs.importSource = join(out, 'notes.json');
    await importDialog.getByRole('button', { name: 'Choose a file…' }).click();
    await expect(importDialog.getByRole('status')).toContainText(
      `Imported ${original.length} notes (3 tags, 2 attachments) from notes.json (NoteVault export).`,
    );
    await expect(importDialog.getByRole('region', { name: /^Skipped/ })).toHaveCount(0);
    // Every note twice now (the original and its copy), each copy equal to its original.
    const after = vaultFingerprint(bridge.services.holder.connection());
    expect(after).toHaveLength(original.length * 2);
    expect(distinct(after)).toEqual(original);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('exports Markdown with attachments and imports the folder back with tags, pinned, dates and images', async ({
  page,
  bridge,
}) => {
  seedVault(bridge);
  const live = vaultFingerprint(bridge.services.holder.connection()).filter(
    (note) => note.trashedAt === null,
  );
  const out = mkdtempSync(join(tmpdir(), 'notevault-e2e-export-'));
  try {
    const settings = await openSettings(page);
    await settings.getByRole('button', { name: 'Export notes…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export notes' });
    bridge.dialogs.exportTo = join(out, 'My notes');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText(
      `Exported ${live.length} notes with 2 attachments`,
    );
    await dialog.getByRole('button', { name: 'Done' }).click();

    await settings.getByRole('button', { name: 'Import notes…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import notes' });
    bridge.dialogs.importSource = join(out, 'My notes');
    await importDialog.getByRole('button', { name: 'Choose a folder…' }).click();
    await expect(importDialog.getByRole('status')).toContainText(`Imported ${live.length} notes`);
    const copies = vaultFingerprint(bridge.services.holder.connection()).filter(
      (note) => note.trashedAt === null && note.versions.length === 0,
    );
    // Markdown keeps no history: a note's copy has its current text and what that text shows.
    const expected = live.map((note) => ({
      ...note,
      versions: [],
      attachments: note.attachments.filter((a) => note.body.includes(a.slice(0, 64))),
    }));
    for (const note of expected) expect(copies).toContainEqual(note);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a cancelled native dialog imports nothing and leaves the choice open', async ({ page, bridge }) => {
  const before = bridge.notes.count();
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import notes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import notes' });
  bridge.dialogs.importSource = null;
  // A cancelled native dialog changes nothing and leaves the choice open.
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(dialog.getByRole('button', { name: 'Choose a folder…' })).toBeVisible();
  expect(bridge.notes.count()).toBe(before);
});

test('File > Import notes… opens the import dialog wherever the window is', async ({ page, bridge }) => {
  const app = new NotesPage(page);
  await app.open();
  // What main sends when the menu item is chosen (window/app-menu.ts, index.ts).
  await page.evaluate(() =>
    (window as unknown as { __notevaultEmit(event: string, payload: unknown): void }).__notevaultEmit(
      'transfer:didRequestDialog',
      { dialog: 'import' },
    ),
  );
  const dialog = page.getByRole('dialog', { name: 'Import notes' });
  await expect(dialog.getByRole('button', { name: 'Choose a folder…' })).toBeFocused();
  bridge.dialogs.importSource = join(FIXTURES, 'simplenote.json');
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(dialog.getByRole('status')).toContainText('(Simplenote)');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

import { existsSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { attachmentHashesIn } from '../src-shared/attachment-ref';
import { test } from './support/bridge-access';
import { AccessibilityGate } from './support/scenarios/accessibility-gate';
import { expectNoRouterProblems, valueOf } from './support/scenarios/app-access';
import { backupThroughApp, PASSKEY, restoreWith } from './support/scenarios/backup-scenarios';
import type { NotesPage } from './support/notes-page';

// Tier 1: attachments pasted into a note, through the real router, repository and backup
// worker; only the native dialogs answer from the test (e2e/support/bridge.ts).
test.describe.configure({ timeout: 90_000 });

test.afterEach(({ access }) => expectNoRouterProblems(access));

// A 2x2 PNG, red: real bytes the browser decodes, so a drawn image has a natural width.
const PNG_2X2 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DwnwGMgRQAH+4D/dJQfRoAAAAASUVORK5CYII=';
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

interface PastedFile {
  name: string;
  type: string;
  /** The bytes as base64, or a size: that many bytes starting with PNG's signature. */
  base64?: string;
  size?: number;
}

/** Pastes files into the note text as the clipboard would hand them over: files, no plain text. */
async function pasteFiles(app: NotesPage, files: PastedFile[]): Promise<void> {
  await app.body.evaluate((content, pasted) => {
    const data = new DataTransfer();
    for (const file of pasted) {
      let bytes: Uint8Array<ArrayBuffer>;
      if (file.base64 !== undefined) bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      else {
        bytes = new Uint8Array(file.size ?? 0);
        bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      }
      data.items.add(new File([bytes], file.name, { type: file.type }));
    }
    content.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, files);
}

/** Drops one file on the note text where its first line ends, as a file manager's drag would. */
async function dropFileAtEndOfFirstLine(app: NotesPage, file: PastedFile): Promise<void> {
  await app.body.evaluate((content, dropped) => {
    const line = content.querySelector('.cm-line');
    if (!line) throw new Error('The note text has no line to drop on.');
    const box = line.getBoundingClientRect();
    const data = new DataTransfer();
    data.items.add(
      new File([Uint8Array.from(atob(dropped.base64 ?? ''), (c) => c.charCodeAt(0))], dropped.name, {
        type: dropped.type,
      }),
    );
    const at = { clientX: box.right - 1, clientY: box.top + box.height / 2 };
    content.dispatchEvent(
      new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, ...at }),
    );
  }, file);
}

const readButton = (app: NotesPage) =>
  app.page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Read' });
const editButton = (app: NotesPage) =>
  app.page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Edit' });

/** The image is on screen, drawn from a blob: URL the browser decoded. */
async function expectDrawn(image: Locator): Promise<void> {
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(2);
}

test('paste an image, see it, back up, delete the note for good, restore, see it again', async ({
  access,
  bridge,
}) => {
  const app = await access.open({ width: 1100, height: 760 });
  await app.newNoteButton.click();
  await app.title.fill('Trip');
  await app.body.click();
  await app.page.keyboard.type('Ferry: ');
  await pasteFiles(app, [{ name: 'ferry.png', type: 'image/png', base64: PNG_2X2 }]);
  await expect.poll(() => app.bodyText()).toMatch(/^Ferry: !\[ferry\.png\]\(attachment:[0-9a-f]{64}\)$/);
  await app.waitUntilSaved();
  const [note] = access.read((notes) => notes.list().items);
  const [sha256 = ''] = attachmentHashesIn(note?.body ?? '');
  expect(access.read((notes) => notes.attachments.info(sha256))).toMatchObject({
    fileName: 'ferry.png',
    mediaType: 'image/png',
    isImage: true,
  });

  await readButton(app).click();
  await expectDrawn(app.page.getByRole('img', { name: 'ferry.png' }));
  // The note list shows it too, small.
  await expectDrawn(app.entry('Trip').locator('img.attachment-thumbnail'));

  const backup = await backupThroughApp(access);

  // Deleted for good: to the trash, and the trash emptied; the image goes with the last note using it.
  await editButton(app).click();
  await app.moveToTrashButton.click();
  valueOf(await access.dispatch('notes:emptyTrash', undefined), 'notes:emptyTrash');
  await expect.poll(() => app.entryTitles()).toEqual([]);
  expect(access.read((notes) => notes.attachments.count())).toBe(0);

  const restore = await restoreWith(access, app, backup, PASSKEY);
  await expect(restore.getByRole('heading', { name: '1 note comes back' })).toBeVisible({ timeout: 30_000 });
  await restore.getByRole('button', { name: 'Replace my notes' }).click();
  await expect(restore.getByText('Restored 1 note.')).toBeVisible({ timeout: 30_000 });
  await restore.getByRole('button', { name: 'Done' }).click();

  await app.entry('Trip').click();
  if ((await readButton(app).getAttribute('aria-pressed')) !== 'true') await readButton(app).click();
  await expectDrawn(app.page.getByRole('img', { name: 'ferry.png' }));
  expect(access.read((notes) => notes.attachments.count())).toBe(1);
  expect(bridge.logged).toEqual([]);
});

test('an image dropped on the text lands where it was let go', async ({ access }) => {
  const app = await access.open();
  await app.createNote('Dropped', 'first line\nsecond line');
  await dropFileAtEndOfFirstLine(app, { name: 'ferry.png', type: 'image/png', base64: PNG_2X2 });
  await expect
    .poll(() => app.bodyText())
    .toMatch(/^first line!\[ferry\.png\]\(attachment:[0-9a-f]{64}\)\nsecond line$/);
  await app.waitUntilSaved();
  expect(access.read((notes) => notes.attachments.count())).toBe(1);
});

test('a 20 MB image over the cap is refused with one sentence, and nothing is stored', async ({ access }) => {
  const app = await access.open();
  await app.createNote('Photos', 'Before');
  await app.body.press('End');
  await pasteFiles(app, [{ name: 'huge.png', type: 'image/png', size: 20 * 1024 * 1024 }]);
  await expect(app.alert).toContainText(
    '“huge.png” was not attached: it is 20.0 MB, and an attachment can be at most 10.0 MB.',
  );
  await app.expectBody('Before');
  expect(access.read((notes) => notes.attachments.count())).toBe(0);
});

test('another file shows as a chip whose Save a copy… writes it where the save dialog says', async ({
  access,
  bridge,
}, testInfo) => {
  const app = await access.open();
  await app.createNote('Report', 'See ');
  await app.body.press('End');
  await pasteFiles(app, [
    { name: 'report.pdf', type: 'application/pdf', base64: Buffer.from(PDF).toString('base64') },
  ]);
  await expect.poll(() => app.bodyText()).toMatch(/^See \[report\.pdf\]\(attachment:[0-9a-f]{64}\)$/);
  await app.waitUntilSaved();

  await readButton(app).click();
  const save = app.page.getByRole('button', { name: 'Save a copy of report.pdf…' });
  await expect(save).toBeVisible();
  // Beside an image, side by side with the text: checked by axe in both themes.
  await editButton(app).click();
  await app.body.press('End');
  await pasteFiles(app, [{ name: 'ferry.png', type: 'image/png', base64: PNG_2X2 }]);
  await app.waitUntilSaved();
  await app.page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Split' }).click();
  await expectDrawn(app.page.getByRole('img', { name: 'ferry.png' }));
  await new AccessibilityGate(access, app.page, testInfo).scan('attachments-split');
  await save.click();
  await expect.poll(() => bridge.dialogs.offeredNames).toEqual(['report.pdf']);
  const saved = bridge.dialogs.saveFile ?? '';
  await expect.poll(() => (existsSync(saved) ? readFileSync(saved, 'utf8') : null)).toBe(PDF);
});

import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Tier 1: a note built to make the Markdown parser crawl (8,000 nested list items around one
// paragraph: parsed, it took 80 s and then overflowed the stack) opens in the reading view as
// plain text with a sentence saying so, and the window goes on answering: the editor opens on
// the same note and takes typing, and another note opens formatted.

const DEEP = `${'- '.repeat(8000)}deep text`;

test('a note too deeply nested to format opens as plain text and the window stays responsive', async ({
  page,
  bridge,
}) => {
  await bridge.services.settingsStore.update({ editorLayout: 'read' });
  const deep = bridge.notes.create({ title: 'Deep', body: DEEP });
  bridge.notes.create({ title: 'Other', body: '# Harbour\n\nSome **bold** words' });
  const app = new NotesPage(page);
  await app.open();
  await app.entry('Deep').click();

  const reading = page.getByRole('region', { name: 'Formatted note' });
  await expect(reading).toContainText(
    'This note is too long or too deeply nested to show formatted; it is shown as plain text.',
  );
  await expect(reading).toContainText('- - - deep text');
  // The page still runs scripts: a parse in progress would hold this past its timeout.
  expect(await page.evaluate(() => document.title.length >= 0)).toBe(true);

  // The editor (CodeMirror's own incremental Markdown parse) opens on the same note and takes typing.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await app.body.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('!');
  await expect.poll(() => bridge.notes.get(deep.id).body).toBe(`${DEEP}!`);

  await page.getByRole('button', { name: 'Read', exact: true }).click();
  await app.entry('Other').click();
  await expect(reading.getByRole('heading', { level: 1, name: 'Harbour' })).toBeVisible();
  await expect(reading.locator('strong')).toHaveText('bold');
  await expect(app.alert).toHaveCount(0);
});

test('a note whose one paragraph is built to make the parser crawl is edited unstyled and takes typing', async ({
  page,
  bridge,
}) => {
  // 40,000 unfinished links in one paragraph: CodeMirror's parser pairs them in one step that
  // does not yield (20,000 held a 50 ms step for 6 s), so the window froze as the note opened.
  const body = '[a]('.repeat(40000);
  const note = bridge.notes.create({ title: 'Brackets', body });
  const app = new NotesPage(page);
  await app.open();
  await app.entry('Brackets').click();
  await app.body.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('!');
  await expect.poll(() => bridge.notes.get(note.id).body).toBe(`${body}!`);
  await expect(app.alert).toHaveCount(0);
});

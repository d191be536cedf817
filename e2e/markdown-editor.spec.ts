import type { Page } from '@playwright/test';
import { expect, test } from './support/bridge';
import type { NotevaultBridge } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Tier 1: the Markdown editor (issue #15). Markdown typed in is styled as it is written, the
// formatted note is drawn from it, checklists toggle by click and Ctrl+Enter, and a link opens
// only after the main process checked it (the bridge records what would have opened).

async function openNote(page: Page, bridge: NotevaultBridge, title: string, body: string) {
  const note = bridge.notes.create({ title, body });
  const app = new NotesPage(page);
  await app.open();
  await app.entry(title).click();
  return { app, id: note.id };
}

const stored = (bridge: NotevaultBridge, id: string) => bridge.notes.get(id).body;

test('Markdown typed in is styled in the editor and drawn in the split and reading views', async ({
  page,
  bridge,
}) => {
  const { app, id } = await openNote(page, bridge, 'Trip', '');
  await app.body.focus();
  await page.keyboard.type(
    '# Lisbon\nBook **the** ferry and `check` times\n\n```js\nconst early = true;\n```\n',
  );
  await expect
    .poll(() => stored(bridge, id))
    .toBe('# Lisbon\nBook **the** ferry and `check` times\n\n```js\nconst early = true;\n```\n');
  // Live styling: a heading, bold text, inline code and a highlighted code block, monospaced.
  const heading = app.body.locator('.md-h1', { hasText: 'Lisbon' });
  await expect(heading).toBeVisible();
  const headingSize = await heading.evaluate((span) => parseFloat(getComputedStyle(span).fontSize));
  const textSize = await app.body.evaluate((content) => parseFloat(getComputedStyle(content).fontSize));
  expect(headingSize).toBeGreaterThan(textSize * 1.3);
  await expect(app.body.locator('.md-strong', { hasText: 'the' })).toHaveCSS('font-weight', '700');
  const code = app.body.locator('.md-codeblock').filter({ hasText: 'const early' });
  await expect(code.locator('.tok-keyword')).toHaveText('const');
  await expect(code).toHaveCSS('font-family', /mono/i);

  // Split: the text and the formatted note side by side; the choice is remembered.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Split' }).click();
  const reading = page.getByRole('region', { name: 'Formatted note' });
  await expect(reading.getByRole('heading', { level: 1, name: 'Lisbon' })).toBeVisible();
  await expect(reading.locator('strong')).toHaveText('the');
  await expect(reading.locator('pre .tok-keyword')).toHaveText('const');
  await expect(app.body).toBeVisible();
  await expect.poll(() => bridge.services.settings.get().editorLayout).toBe('split');

  // Reading: the formatted note alone; back in the editor its undo history is intact.
  await page.getByRole('button', { name: 'Read', exact: true }).click();
  await expect(app.body).toBeHidden();
  await expect(reading.getByRole('heading', { name: 'Lisbon' })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await app.body.focus();
  await page.keyboard.press('Control+z');
  // The last step typed (the final line break) is undone: the history outlived the switch.
  await expect
    .poll(() => stored(bridge, id))
    .toBe('# Lisbon\nBook **the** ferry and `check` times\n\n```js\nconst early = true;\n```');
});

test('raw HTML in a note is shown as text in the formatted note', async ({ page, bridge }) => {
  await bridge.services.settingsStore.update({ editorLayout: 'read' });
  const { app } = await openNote(page, bridge, 'Html', 'Before <img src=x onerror="window.hacked=1"> after');
  const reading = page.getByRole('region', { name: 'Formatted note' });
  await expect(reading).toContainText('Before <img src=x onerror="window.hacked=1"> after');
  await expect(reading.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await expect(app.alert).toHaveCount(0);
});

test('a checklist toggles by clicking its box, in the editor and the formatted note, and by Ctrl+Enter', async ({
  page,
  bridge,
}) => {
  const { app, id } = await openNote(page, bridge, 'Shopping', '- [ ] milk\n- [ ] eggs\n- bread');
  const boxes = app.body.getByRole('checkbox');
  await expect(boxes).toHaveCount(2);
  await boxes.first().click();
  await expect.poll(() => stored(bridge, id)).toBe('- [x] milk\n- [ ] eggs\n- bread');
  await expect(boxes.first()).toBeChecked();

  // Ctrl+Enter on the second line; on a line with no box it does nothing to the text.
  await app.body.getByText('eggs').click();
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => stored(bridge, id)).toBe('- [x] milk\n- [x] eggs\n- bread');
  await app.expectBody('- [x] milk\n- [x] eggs\n- bread');

  // Shift+Ctrl+9 makes the plain item a checklist item too.
  await app.body.getByText('bread').click();
  await page.keyboard.press('Control+Shift+9');
  await expect.poll(() => stored(bridge, id)).toBe('- [x] milk\n- [x] eggs\n- [ ] bread');

  // In the formatted note, each box is named by its item and toggles it; Ctrl+Z in the editor undoes it.
  await page.getByRole('button', { name: 'Split' }).click();
  const reading = page.getByRole('region', { name: 'Formatted note' });
  await reading.getByRole('checkbox', { name: 'milk' }).click();
  await expect.poll(() => stored(bridge, id)).toBe('- [ ] milk\n- [x] eggs\n- [ ] bread');
  await expect(reading.getByRole('checkbox', { name: 'milk' })).not.toBeChecked();
  await app.body.focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => stored(bridge, id)).toBe('- [x] milk\n- [x] eggs\n- [ ] bread');
});

test('shortcuts format the selection: bold, italic, link and lists', async ({ page, bridge }) => {
  const { app, id } = await openNote(page, bridge, 'Shortcuts', '');
  await app.body.focus();
  await page.keyboard.type('one');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Control+b');
  await expect.poll(() => stored(bridge, id)).toBe('**one**');
  await page.keyboard.press('Control+i');
  await expect.poll(() => stored(bridge, id)).toBe('***one***');
  await page.keyboard.press('End');
  await page.keyboard.type('\ntwo\nthree');
  await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('Control+Shift+7');
  await expect.poll(() => stored(bridge, id)).toBe('***one***\n1. two\n2. three');
  await page.keyboard.press('Control+Shift+8');
  await expect.poll(() => stored(bridge, id)).toBe('***one***\n- two\n- three');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('https://example.com/');
  await expect.poll(() => stored(bridge, id)).toBe('***one***\n- two\n- three[](https://example.com/)');
});

test('a link opens in the system browser only after main checks it; others stay text', async ({
  page,
  bridge,
}) => {
  await bridge.services.settingsStore.update({ editorLayout: 'split' });
  const { app } = await openNote(
    page,
    bridge,
    'Links',
    '[docs](https://example.com/docs) and [local](file:///etc/passwd) and [script](javascript:alert(1))',
  );
  const reading = page.getByRole('region', { name: 'Formatted note' });
  // Only the web link is a link; the others are their text.
  await expect(reading.getByRole('link')).toHaveCount(1);
  await expect(reading.getByText('local')).toBeVisible();
  await reading.getByRole('link', { name: 'docs' }).click();
  await expect.poll(() => bridge.openedLinks).toEqual(['https://example.com/docs']);
  // The window itself never navigated.
  expect(new URL(page.url()).pathname).toBe('/');

  // Ctrl+click in the editor asks main too; main refuses a file: address and says so.
  await app.body.getByText('local', { exact: true }).click({ modifiers: ['Control'] });
  await expect(app.alert).toContainText('opens only web (http, https) and email (mailto) links');
  await app.body.getByText('docs', { exact: true }).click({ modifiers: ['Control'] });
  await expect
    .poll(() => bridge.openedLinks)
    .toEqual(['https://example.com/docs', 'https://example.com/docs']);
  expect(bridge.logged).toEqual([]);
});

test('the editor bar counts words and characters', async ({ page, bridge }) => {
  const { app } = await openNote(page, bridge, 'Count', '# Hello *world*');
  const bar = page.getByRole('region', { name: 'Editor' });
  await expect(bar.getByText('2 words, 15 characters')).toBeVisible();
  await app.body.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' again');
  await expect(bar.getByText('3 words, 21 characters')).toBeVisible();
});

test('note-list previews show the text without Markdown', async ({ page, bridge }) => {
  bridge.notes.create({
    title: 'Plan',
    body: '# Trip to *Lisbon*\n\n- [ ] book the [ferry](https://example.com)',
  });
  const app = new NotesPage(page);
  await app.open();
  await expect(app.entry('Plan').locator('.note-entry-detail')).toHaveText('Trip to Lisbon book the ferry');
});

import { expect } from '@playwright/test';
import { HIGHLIGHT_START } from '../src-shared/notes';
import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';
import { NOTES_SCENARIOS } from './support/scenarios/scenario-lists';

// Tier 1: the notes scenarios shared with e2e/electron/notes.electron.spec.ts, on the built
// renderer in Chromium with the real services behind the bridge.
test.afterEach(({ access }) => expectNoRouterProblems(access));

for (const scenario of NOTES_SCENARIOS) {
  test(scenario.title, ({ access }, testInfo) => scenario.run(access, testInfo));
}

// Tier 1 only: it writes the test browser's own clipboard. Issue #14: a paste with a control
// character refused the whole save ("body contains the control character U+0002").
test('pasted and typed control characters are left out, and the note is saved', async ({ access, page }) => {
  const { id } = access.seed((notes) => notes.create({ title: 'Pasted', body: '' }));
  const app = await access.open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.entry('Pasted').click();
  await app.body.focus();
  await page.keyboard.insertText('start ');
  await page.evaluate(
    (text) => navigator.clipboard.writeText(text),
    `copied${HIGHLIGHT_START} from\u0000 a PDF\tcolumn\r\nline two`,
  );
  await page.keyboard.press('ControlOrMeta+V');
  // The caret stays where the paste ended.
  await page.keyboard.insertText(` typed${HIGHLIGHT_START} end`);
  await expect(app.alert).toHaveCount(0);
  // Tab and the line break stay (a text field keeps a line break as LF).
  const expected = 'start copied from a PDF\tcolumn\nline two typed end';
  await app.expectBody(expected);
  await expect.poll(() => access.read((notes) => notes.get(id).body)).toBe(expected);
  await app.waitUntilSaved();
});

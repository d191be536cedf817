import { expect } from '@playwright/test';
import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';

// Issue #15: a note's history. Saving keeps the text it replaces (at most once every few
// minutes while typing); the History dialog shows a version and its changes against the
// current text, restores it after asking, and the restore is undone from the same dialog.
// The history's clock is the bridge's test clock: minutes pass when the test says so.
test.afterEach(({ access }) => expectNoRouterProblems(access));

const MINUTE = 60_000;

test('type, keep versions, see a diff, restore a version and undo the restore, by keyboard', async ({
  access,
  bridge,
}) => {
  const { id } = access.seed((notes) => notes.create({ title: 'Essay', body: 'First draft' }));
  const app = await access.open();
  const page = app.page;
  const body = () => access.read((notes) => notes.get(id).body);
  await app.entry('Essay').click();

  // The first save keeps "First draft"; six minutes later the next keeps "Second draft".
  await app.body.fill('Second draft');
  await expect.poll(body).toBe('Second draft');
  await bridge.clock.advance(6 * MINUTE);
  await app.body.fill('Second draft\nwith a new line');
  await expect.poll(body).toBe('Second draft\nwith a new line');
  // More typing within the five minutes keeps nothing more.
  await app.body.press('End');
  await app.body.pressSequentially('!');
  await expect.poll(body).toBe('Second draft\nwith a new line!');

  const historyButton = page.getByRole('button', { name: 'History…' });
  await historyButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'History of this note' });
  await expect(dialog).toBeVisible();
  const versions = dialog.getByRole('list', { name: 'Kept versions, newest first' }).getByRole('button');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(versions.nth(0)).toContainText('While editing');
  await expect(versions.nth(0)).toContainText('17 bytes');

  // The older version, chosen with the keyboard: its changes against the current text.
  await versions.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(versions.nth(1)).toHaveAttribute('aria-pressed', 'true');
  const diff = dialog.getByRole('list', { name: /^Changes restoring the version from / });
  await expect(diff.locator('ins')).toHaveText(['Added: First draft']);
  await expect(diff.locator('del')).toHaveText(['Removed: Second draft', 'Removed: with a new line!']);
  await dialog.getByRole('button', { name: 'Text of this version' }).click();
  await expect(dialog.getByLabel(/^Text of the version from /)).toHaveText('First draft');

  // Restoring asks first; "Keep current text" changes nothing.
  await dialog.getByRole('button', { name: 'Restore this version…' }).click();
  const question = dialog.getByRole('group', { name: /^Replace the note's text with the version from / });
  await expect(question).toContainText('you can undo this');
  await question.getByRole('button', { name: 'Keep current text' }).click();
  expect(body()).toBe('Second draft\nwith a new line!');
  await dialog.getByRole('button', { name: 'Restore this version…' }).click();
  // The confirming button has focus: Enter restores.
  await expect(question.getByRole('button', { name: 'Restore this version', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(body).toBe('First draft');
  await expect(dialog.getByRole('status')).toContainText('Restored the version from');
  // The text it replaced is at the top of the history, and Undo has focus.
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText('Before restoring a version');
  const undo = dialog.getByRole('button', { name: 'Undo restore' });
  await expect(undo).toBeFocused();
  await expect(app.body).toHaveText('First draft');

  await page.keyboard.press('Enter');
  await expect.poll(body).toBe('Second draft\nwith a new line!');
  await expect(dialog.getByRole('status')).toContainText('Restore undone');
  await expect(versions).toHaveCount(4);

  // Escape closes the dialog and gives focus back to History…; the editor shows the saved text.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(historyButton).toBeFocused();
  // The editor shows each line on its own; read as text they run together.
  await expect(app.body).toHaveText('Second draftwith a new line!');
  expect(access.read((notes) => notes.get(id).title)).toBe('Essay');
});

test('a new note not saved yet has no history to show', async ({ access }) => {
  const app = await access.open();
  await app.newNoteButton.click();
  await app.page.getByRole('button', { name: 'History…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'History of this note' });
  await expect(dialog.getByText(/^No versions yet\./)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('the history size cap is a setting, saved once the number settles', async ({ access, bridge }) => {
  const app = await access.open();
  await app.page.getByRole('button', { name: 'Settings' }).click();
  const cap = app.page.getByLabel('Keep earlier versions of notes up to');
  await expect(cap).toHaveValue('100');
  await expect(cap).toHaveAccessibleDescription(/MB Past this size the oldest versions are removed first/);
  await cap.fill('5');
  await expect.poll(() => bridge.services.settings.get().historyMaxMegabytes).toBe(5);
});

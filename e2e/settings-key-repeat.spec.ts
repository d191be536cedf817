import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';

// Holding an arrow key in a number field repeats ~30 times a second. Each step used to send
// its own settings:update, and the router's limit for it (30 at once, then 5 a second) refused
// them after a second: the person saw an error for holding a key down.
test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

test('holding ArrowUp in "Always keep the newest" for 3 s saves the final number, with no error', async ({
  page,
  bridge,
}) => {
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const keep = page
    .getByRole('region', { name: 'Settings' })
    .getByRole('spinbutton', { name: 'Always keep the newest' });
  await expect(keep).toHaveValue('10');
  await keep.focus();
  // Playwright's keyboard does not auto-repeat: press as a held key repeats (every 33 ms).
  const presses = 90;
  const t0 = Date.now();
  for (let i = 1; i <= presses; i++) {
    await keep.press('ArrowUp');
    const wait = t0 + i * 33 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
  }
  await expect(keep).toHaveValue(String(10 + presses));
  await expect.poll(() => bridge.services.settings.get().retention.keepLast).toBe(10 + presses);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

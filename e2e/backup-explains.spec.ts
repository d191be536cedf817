import { readdirSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';
import { backupDialog, chooseBackupFolder, PASSKEY } from './support/scenarios/backup-scenarios';

// Tier 1, issue #14: the Backup dialog says what it will do before it starts, refuses what
// main refuses (no notes, a weak passkey) with the reason beside the button, and shows one
// overall progress; the real router, database and job worker answer.
test.describe.configure({ timeout: 60_000 });
test.afterEach(({ access }) => expectNoRouterProblems(access));

test('says the notes, size, folder, file name and time before the backup starts', async ({ access }) => {
  access.seed((notes) => {
    notes.create({ title: 'Groceries', body: 'oat milk' });
    notes.create({ title: 'Plans', body: 'ferry on Friday' });
    notes.trash(notes.create({ title: 'Old', body: 'gone' }).id);
  });
  const app = await access.open();
  await chooseBackupFolder(access);
  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = backupDialog(app.page);
  const facts = dialog.locator('dl.backup-plan');
  await expect(facts).toContainText(/Includes\s*3 notes \(1 note in the trash\), about \d+(\.\d)? KB/);
  await expect(facts).toContainText(access.backupFolder);
  await expect(facts.locator('.backup-file-name')).toHaveText(
    /^NoteVault-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.nvbak$/,
  );
  await expect(facts).toContainText(/Takes\s*about \d+ seconds?/);
  // Information, not an alarm: the passkey note uses the info colours, not the danger ones.
  const note = dialog.getByText(
    'NoteVault cannot recover a forgotten passkey; keep it in your password manager.',
  );
  // The colours as painted, not a class name: a token resolved beside the note (light-dark()
  // needs the element's colour scheme) against the note's own computed colours.
  const painted = await note.evaluate((element) => {
    const resolve = (token: string) => {
      const probe = document.createElement('span');
      probe.style.color = `var(${token})`;
      element.parentElement?.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    };
    return {
      colour: getComputedStyle(element).color,
      info: resolve('--info-fg'),
      danger: resolve('--danger'),
    };
  });
  expect(painted.colour).toBe(painted.info);
  expect(painted.colour).not.toBe(painted.danger);
});

test('one bar across all phases: it never goes back, moves while the key is derived, and says the time left', async ({
  access,
}) => {
  // About 120 MB in few, long words (cheap to index): the backup runs for seconds, past the
  // 1.5 s after which the bar may say the time left, even on a fast machine.
  access.seed((notes) => {
    const chunk = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(1000);
    for (let i = 0; i < 120; i++) notes.create({ title: `Big ${i}`, body: `${i} ${chunk.repeat(28)}` });
  });
  const app = await access.open();
  await chooseBackupFolder(access);
  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = backupDialog(app.page);
  await dialog.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await dialog.getByLabel('Passkey again').fill(PASSKEY);
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  const bar = dialog.getByRole('progressbar', { name: 'Backup progress' });
  const seen: number[] = [];
  const said: string[] = [];
  // Percentages read while the bar still names the first phase, deriving the key.
  const whileDeriving: number[] = [];
  while (!(await dialog.getByText('Backup saved.').isVisible())) {
    // A failed backup would never say it was saved: stop at its alert instead of timing out.
    if (await dialog.getByRole('alert').isVisible()) break;
    // A short timeout: the bar leaves when the backup ends, and a read that waited for it
    // would wait out the whole test.
    const now = await bar.getAttribute('aria-valuenow', { timeout: 250 }).catch(() => null);
    const text = await bar.getAttribute('aria-valuetext', { timeout: 250 }).catch(() => null);
    if (now !== null) seen.push(Number(now));
    if (text !== null) said.push(text);
    if (now !== null && text?.startsWith('Preparing the key from your passkey'))
      whileDeriving.push(Number(now));
    await app.page.waitForTimeout(100);
  }
  await expect(dialog.getByText('Backup saved.')).toBeVisible();
  expect(said.some((text) => /About \d+ seconds? left\.|Almost done\./.test(text))).toBe(true);
  expect(seen.length).toBeGreaterThan(3);
  for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] ?? 0);
  // Argon2id alone takes over a second: the bar moves during it instead of sitting at 0 %.
  expect(whileDeriving.some((p) => p > 0)).toBe(true);
  expect(readdirSync(access.backupFolder)).toHaveLength(1);
});

test('refuses a backup of zero notes, with the reason beside the disabled button', async ({ access }) => {
  const app = await access.open();
  await chooseBackupFolder(access);
  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = backupDialog(app.page);
  const reason = 'There are no notes to back up yet: write a note first, then back it up.';
  await expect(dialog.getByText(reason)).toBeVisible();
  await dialog.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await dialog.getByLabel('Passkey again').fill(PASSKEY);
  const start = dialog.getByRole('button', { name: 'Start backup' });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAccessibleDescription(reason);
  await expect(dialog.locator('dl.backup-plan')).toContainText('0 notes');
});

test('the meter fills and colours "password1", and the dialog refuses it as main does', async ({
  access,
}) => {
  access.seed((notes) => notes.create({ title: 'Groceries', body: 'oat milk' }));
  const app = await access.open();
  await chooseBackupFolder(access);
  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = backupDialog(app.page);
  await dialog.getByLabel('Passkey', { exact: true }).fill('password1');
  await dialog.getByLabel('Passkey again').fill('password1');
  await expect(dialog.getByText('Strength: Very weak.')).toBeVisible({ timeout: 15_000 });
  const filled = dialog.locator('.strength-meter span.filled');
  await expect(filled).toHaveCount(1);
  const colours = await filled.first().evaluate((el) => {
    const empty = el.parentElement?.querySelector('span:not(.filled)');
    return {
      filled: getComputedStyle(el).backgroundColor,
      empty: empty ? getComputedStyle(empty).backgroundColor : '',
    };
  });
  expect(colours.filled).not.toBe(colours.empty);
  const start = dialog.getByRole('button', { name: 'Start backup' });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAccessibleDescription(/^This passkey is too easy to guess.*Choose a longer one/);
  // No "use it anyway": nothing on the form accepts it.
  await expect(dialog.getByRole('checkbox')).toHaveCount(0);

  // A fair one is accepted: the meter fills further and the button is enabled.
  await dialog.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await dialog.getByLabel('Passkey again').fill(PASSKEY);
  await expect(start).toBeEnabled({ timeout: 15_000 });
  expect(await filled.count()).toBeGreaterThanOrEqual(3);
});

test('turning on scheduled backups refuses a weak passkey by the same rule, with the meter', async ({
  access,
}) => {
  const app = await access.open();
  await chooseBackupFolder(access);
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = app.page.getByRole('region', { name: 'Settings' });
  await settings.getByLabel('How often').selectOption('daily');
  await settings.getByRole('button', { name: 'Turn on scheduled backups' }).click();
  const prompt = app.page.getByRole('dialog', { name: 'Turn on scheduled backups' });
  await prompt.getByLabel('Passkey', { exact: true }).fill('Password123');
  await prompt.getByLabel('Passkey again').fill('Password123');
  await expect(prompt.getByText('Strength: Weak.')).toBeVisible({ timeout: 15_000 });
  await expect(prompt.locator('.strength-meter span.filled')).toHaveCount(2);
  const turnOn = prompt.getByRole('button', { name: 'Turn on' });
  await expect(turnOn).toBeDisabled();
  await expect(turnOn).toHaveAccessibleDescription(/^This passkey is too easy to guess.*Choose a longer one/);
  await prompt.getByLabel('Passkey', { exact: true }).fill(PASSKEY);
  await prompt.getByLabel('Passkey again').fill(PASSKEY);
  await expect(turnOn).toBeEnabled({ timeout: 15_000 });
});

test('Suggest a passphrase fills both fields with five or more words, shown to be saved', async ({
  access,
}) => {
  access.seed((notes) => notes.create({ title: 'Groceries', body: 'oat milk' }));
  const app = await access.open();
  await chooseBackupFolder(access);
  await app.toolbar.getByRole('button', { name: 'Back up…' }).click();
  const dialog = backupDialog(app.page);
  await dialog.getByRole('button', { name: 'Suggest a passphrase' }).click();
  const shown = dialog.locator('.suggested-passphrase');
  await expect(shown).toHaveText(/^[a-z-]+( [a-z-]+){4,}$/);
  const phrase = (await shown.textContent()) ?? '';
  await expect(dialog.getByLabel('Passkey', { exact: true })).toHaveValue(phrase);
  await expect(dialog.getByLabel('Passkey again')).toHaveValue(phrase);
  await expect(dialog.getByRole('button', { name: 'Start backup' })).toBeEnabled({ timeout: 15_000 });
  // Another press, another passphrase.
  await dialog.getByRole('button', { name: 'Suggest a passphrase' }).click();
  await expect(shown).not.toHaveText(phrase);
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';
import { SEALED_KEY_FILE } from '../src-main/keystore/file-sealed-key-store';
import { trayStateOf } from '../src-main/app/schedule-status';
import { lastBackupLabel } from '../src-main/tray/tray-menu';
import { trayTooltip } from '../src-main/tray/tray-tooltip';

// Tier 1 through the bridge, issue #14: a scheduled run that fails while nobody watches is
// later read in the backups view and the tray. The real scheduler, runner, sealed key store and
// history; the fault is a saved key the keychain cannot unlock, as after copying the profile.
test.describe.configure({ timeout: 60_000 });

const PASSKEY = 'lantern orchard drifts over granite';
const SENTENCE =
  'Scheduled backups cannot unlock their saved key with the test keychain: ' +
  'turn scheduled backups off and on again in Settings and enter your passkey.';

test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

test('a failed scheduled run shows one sentence, its technical text behind a collapsed Details', async ({
  page,
  bridge,
}) => {
  bridge.notes.create({ title: 'Shopping list', body: 'eggs, flour' });
  await bridge.services.settings.chooseBackupFolder();
  await bridge.services.schedule.enable('daily', PASSKEY);
  // A sealed key whose authentication tag no longer matches: what another keychain reads.
  const sealedFile = join(bridge.userDataDir, SEALED_KEY_FILE);
  const sealed = readFileSync(sealedFile);
  const last = sealed.length - 1;
  sealed.writeUInt8(sealed.readUInt8(last) ^ 0xff, last);
  writeFileSync(sealedFile, sealed);

  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  const nextRunAt = bridge.services.schedule.status().nextRunAt ?? 0;
  await bridge.clock.advance(nextRunAt - bridge.clock.now() + 1000);

  // The banner: the sentence, and Details closed until asked for.
  const banner = backups.getByRole('alert').filter({ hasText: 'Backups need attention' });
  const failed = banner.getByRole('listitem').filter({ hasText: 'The last scheduled backup' });
  await expect(failed).toHaveCount(1, { timeout: 30_000 });
  const disclosure = failed.locator('details');
  await expect(disclosure.locator('summary')).toHaveText('Details');
  await expect(disclosure).not.toHaveAttribute('open');
  await expect(failed).toContainText(`failed: ${SENTENCE}`);
  const technical = failed.getByText(sealedFile, { exact: false });
  await expect(technical).toBeHidden();
  await disclosure.locator('summary').click();
  await expect(technical).toBeVisible();
  await expect(technical).toContainText('This happens after the keychain was reset');

  // The schedule summary: the same sentence, its own closed Details.
  const summary = backups.getByRole('definition').filter({ hasText: 'failed:' });
  await expect(summary).toContainText(SENTENCE);
  await expect(summary.locator('details')).not.toHaveAttribute('open');
  await expect(summary.getByText(sealedFile, { exact: false })).toBeHidden();

  // The tray and its notification keep to the sentence: no file, no keychain internals.
  const state = trayStateOf(bridge.services.schedule.status(), await bridge.services.health.report());
  const now = bridge.clock.now();
  const trayTexts = [
    lastBackupLabel(state, now),
    trayTooltip(state),
    ...bridge.notifications.map((n) => n.body),
  ];
  expect(trayTexts[0]).toMatch(/^Last backup: .*, failed: Scheduled backups cannot unlock/);
  expect(bridge.notifications[0]?.body).toContain(SENTENCE);
  for (const text of trayTexts) {
    expect(text).not.toContain(bridge.userDataDir);
    expect(text).not.toContain('decrypt');
  }

  // "in Settings" comes with a way there: a button beside each sentence (the run's remedy).
  await expect(summary.getByRole('button', { name: 'Open Settings' })).toBeVisible();
  await failed.getByRole('button', { name: 'Open Settings' }).click();
  await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();
  await expect(backups).toHaveCount(0);
});

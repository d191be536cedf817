import { resolve } from 'node:path';
import { expect } from '@playwright/test';
import { test } from './support/bridge-access';
import { AccessibilityGate } from './support/scenarios/accessibility-gate';
import { expectNoRouterProblems } from './support/scenarios/app-access';

// The accessibility gate over import and export (issue #15): axe in both themes at both sizes
// on the choice, the result with its skipped list, and the export choice with history. Kept
// beside accessibility.spec.ts, with the same gate, so the import/export screens are scanned
// in every run of tier 1.
test.describe.configure({ timeout: 300_000 });

test.afterEach(({ access }) => expectNoRouterProblems(access));

test('import and export dialogs: the choice, a report with skipped items, the export options', async ({
  access,
  bridge,
}, testInfo) => {
  const app = await access.open();
  const gate = new AccessibilityGate(access, app.page, testInfo);
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const settings = app.page.getByRole('region', { name: 'Settings' });
  await expect(settings.getByRole('button', { name: 'Import notes…' })).toBeVisible();
  await gate.scan('settings-import-export');

  await settings.getByRole('button', { name: 'Import notes…' }).click();
  const importDialog = app.page.getByRole('dialog', { name: 'Import notes' });
  await expect(importDialog.getByRole('button', { name: 'Choose a folder…' })).toBeFocused();
  await gate.scan('import-choice');

  bridge.dialogs.importSource = resolve(__dirname, '../test/fixtures/import/evernote.enex');
  // Keyboard only: Tab to "Choose a file…" is one step back from the focused default.
  await app.page.keyboard.press('Shift+Tab');
  await expect(importDialog.getByRole('button', { name: 'Choose a file…' })).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(importDialog.getByRole('region', { name: /^Skipped/ })).toBeVisible();
  await expect(importDialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await gate.scan('import-report');
  await app.page.keyboard.press('Escape');
  await expect(importDialog).toBeHidden();

  await settings.getByRole('button', { name: 'Export notes…' }).click();
  const exportDialog = app.page.getByRole('dialog', { name: 'Export notes' });
  await exportDialog.getByRole('radio', { name: /One NoteVault file/ }).check();
  await expect(exportDialog.getByRole('checkbox', { name: "Include each note's history" })).toBeVisible();
  await gate.scan('export-choice');
  await app.page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();
  gate.expectNone();
});

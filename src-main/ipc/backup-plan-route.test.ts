import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { BackupPlan } from '../../src-shared/ipc/contract-backup';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// backup:plan and the zero-note refusal through the real router, services and job worker.
const app = useRoutedApp();

it('backup:plan says the notes, size, folder, name and time before a backup starts', async () => {
  app.fixture.liveNote();
  app.fixture.trashedNote();
  const result = await app.router.dispatch('backup:plan', undefined, OUR_WINDOW);
  expect(result).toMatchObject({
    ok: true,
    value: {
      noteCount: 2,
      trashedCount: 1,
      folder: app.fixture.backupFolder,
      fileName: expect.stringMatching(/^NoteVault-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.nvbak$/) as unknown,
      refusal: null,
    },
  });
  const plan = (result as { value: BackupPlan }).value;
  expect(plan.databaseBytes).toBeGreaterThan(0);
  expect(plan.estimatedSeconds).toBeGreaterThanOrEqual(1);
  expect(Object.keys(plan.phaseSeconds)).toContain('deriving-key');
});

it('refuses backup:create of zero notes in main, with the plan’s sentence, writing nothing', async () => {
  const plan = await app.router.dispatch('backup:plan', undefined, OUR_WINDOW);
  const refusal = (plan as { value: BackupPlan }).value.refusal;
  expect(refusal).toMatch(/^There are no notes to back up/);
  const before = readdirSync(app.fixture.backupFolder);
  const result = await app.router.dispatch('backup:create', { passkey: app.fixture.passkey }, OUR_WINDOW);
  expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: refusal } });
  expect(readdirSync(app.fixture.backupFolder)).toEqual(before);
});

it('refuses arguments to backup:plan', async () => {
  const result = await app.router.dispatch('backup:plan', { folder: '/etc' }, OUR_WINDOW);
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

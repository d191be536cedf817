import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FIXTURE_PASSKEY, OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// Restore drills through the real router, the app's real services and the real job worker.
const app = useRoutedApp();

const dispatch = (channel: Parameters<typeof app.router.dispatch>[0], args?: unknown) =>
  app.router.dispatch(channel, args, OUR_WINDOW);

/** A copy of the fixture's backup, catalogued as written in the backup folder. */
async function cataloguedBackup(): Promise<string> {
  const { fixture } = app;
  const name = await fixture.backupCopy();
  const file = join(fixture.backupFolder, name);
  await fixture.services.catalogue.recordWritten(
    {
      name,
      kind: 'manual',
      createdAt: '2026-12-01T10:00:00.000Z',
      size: statSync(file).size,
      fileSha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      noteCount: 2,
      openWithDevice: false,
    },
    'primary',
  );
  return name;
}

it('tells the schedule and that nothing runs', async () => {
  expect(await dispatch('drills:status')).toEqual({
    ok: true,
    value: {
      schedule: 'weekly',
      lastRunAt: null,
      nextRunAt: expect.any(Number) as unknown,
      running: false,
      lastRun: null,
    },
  });
  expect(await dispatch('drills:cancel')).toEqual({ ok: true, value: undefined });
});

it('tests a catalogued backup with the passkey, records it and announces the run', async () => {
  const name = await cataloguedBackup();
  const result = await dispatch('drills:runNow', { passkey: FIXTURE_PASSKEY });
  expect(result).toMatchObject({
    ok: true,
    value: {
      trigger: 'window',
      stopped: null,
      outcomes: [{ name, destinationId: 'primary', outcome: 'passed', noteCount: 2 }],
    },
  });
  expect(app.fixture.services.catalogue.get(name)?.copies.primary?.lastDrill).toMatchObject({
    ok: true,
    noteCount: 2,
  });
  expect(app.fixture.events.map((e) => e.event)).toContain('drills:didFinish');
});

it('asks again for a wrong passkey, and for a way in when no device key is saved', async () => {
  await cataloguedBackup();
  expect(await dispatch('drills:runNow', { passkey: 'not it' })).toMatchObject({
    ok: false,
    error: { code: 'WRONG_PASSKEY' },
  });
  expect(await dispatch('drills:runNow')).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: 'Enter your passkey or recovery code to test a restore.' },
  });
});

it.each([
  ['both ways in', { passkey: 'p', recoveryCode: 'ABCDE' }, /not both/],
  ['a passkey over 1024 characters', { passkey: 'p'.repeat(1025) }, /at most 1024 characters/],
  ['a recovery code over 100 characters', { recoveryCode: 'A'.repeat(101) }, /longer than 100 characters/],
  ['an unknown member', { passkey: 'p', file: '/etc/passwd' }, /file/],
  ['a passkey that is not text', { passkey: 42 }, /must be text/],
])('refuses %s before anything runs', async (_, args, message) => {
  const result = await dispatch('drills:runNow', args);
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: expect.stringMatching(message) as unknown },
  });
  expect(app.fixture.events.map((e) => e.event)).not.toContain('drills:didFinish');
});

it('refuses an oversized drills:runNow before parsing it, naming the limit', async () => {
  expect(await dispatch('drills:runNow', { passkey: 'p'.repeat(20_000) })).toEqual({
    ok: false,
    error: {
      code: 'VALIDATION',
      message: 'drills:runNow was refused: its arguments are larger than the 8 KiB this request allows.',
    },
  });
  expect(await dispatch('drills:status', { extra: 'x' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION' },
  });
});

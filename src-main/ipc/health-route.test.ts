import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { HealthReport } from '../../src-shared/ipc/contract-health';
import type { IpcChannel } from '../../src-shared/ipc/contract';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// health:report and health:didChange through the real router over the app's real services:
// the settings, the backup history and the backup catalogue on disk, a real backup job.
const app = useRoutedApp();

async function call(channel: IpcChannel, payload: unknown): Promise<unknown> {
  const result = await app.router.dispatch(channel, payload, OUR_WINDOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const announced = () =>
  app.fixture.events.filter((e) => e.event === 'health:didChange').map((e) => e.payload as HealthReport);

it('reports, and announces each change: a backup, then a failed restore test naming the file', async () => {
  const { services } = app.fixture;
  expect(await call('health:report', undefined)).toMatchObject({
    worst: 'ok',
    summary: 'No backup yet.',
    items: [],
  });

  app.fixture.liveNote();
  await call('backup:create', { passkey: app.fixture.passkey });
  await services.health.refresh();
  const afterBackup = announced().at(-1);
  expect(afterBackup?.summary).toBe('Last backup just now.');
  expect(afterBackup?.items.map((i) => i.id)).toContain('destination-last:primary');

  await services.catalogue.recordWritten(
    {
      name: 'NoteVault-2026-12-01T10-00-00Z-scheduled.nvbak',
      kind: 'scheduled',
      createdAt: new Date(services.schedule.status().status.lastSuccess!.startedAt).toISOString(),
      size: 4096,
      fileSha256: 'a'.repeat(64),
      noteCount: 2,
      openWithDevice: true,
    },
    'primary',
  );
  const why =
    'The backup "NoteVault-2026-12-01T10-00-00Z-scheduled.nvbak" has changed since it was made (1 byte differs): make a new backup now.';
  await services.catalogue.recordDrill('NoteVault-2026-12-01T10-00-00Z-scheduled.nvbak', 'primary', {
    at: Date.now(),
    ok: false,
    noteCount: null,
    message: why,
    details: 'whole-file SHA-256 differs',
  });
  await services.health.refresh();
  const report = (await call('health:report', undefined)) as HealthReport;
  expect(report.worst).toBe('problem');
  expect(report.summary).toBe(why);
  expect(report.items[0]).toEqual({
    id: 'drill-failed:primary:NoteVault-2026-12-01T10-00-00Z-scheduled.nvbak',
    severity: 'problem',
    title: 'Restore test failed',
    message: why,
    details: 'whole-file SHA-256 differs',
    action: { kind: 'back-up-now', label: 'Back up now' },
  });
  expect({ ...announced().at(-1), at: 0 }).toEqual({ ...report, at: 0 });
}, 60_000);

it('does not announce a report that says the same again', async () => {
  await app.fixture.services.health.refresh();
  await app.fixture.services.health.refresh();
  expect(announced()).toEqual([]);
});

it('refuses arguments', async () => {
  const result = await app.router.dispatch('health:report', { destination: 'primary' }, OUR_WINDOW);
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

it("says when the backups that must stay are over a destination's cap, from retention's own plan", async () => {
  const { services, backupFolder } = app.fixture;
  // The newest backup, verified (never pruned), is larger than the 10 MB cap on its own.
  const name = 'NoteVault-2026-12-05T10-00-00Z-scheduled.nvbak';
  const file = join(backupFolder, name);
  await writeFile(file, Buffer.alloc(12 * 1024 * 1024));
  const at = Date.parse('2026-12-05T10:00:00Z');
  await services.history.record({
    kind: 'scheduled',
    startedAt: at,
    finishedAt: at + 1000,
    ok: true,
    file,
    noteCount: 2,
    message: null,
  });
  await services.settingsStore.update({ retention: { capMegabytes: 10 } });
  await services.health.refresh();
  const report = (await call('health:report', undefined)) as HealthReport;
  const over = report.items.find((item) => item.id === 'cap-over:primary');
  expect(over).toMatchObject({ severity: 'problem', action: { kind: 'review-retention' } });
  expect(over?.message).toMatch(
    /^The backups NoteVault must keep in .+ take 12\.\d MB, more than its 10\.0 MB cap/,
  );
});

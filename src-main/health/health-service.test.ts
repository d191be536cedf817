import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src-shared/ipc/contract-health';
import { BackupStateStore } from '../settings/backup-state-store';
import { SettingsStore } from '../settings/settings-store';
import { HealthService } from './health-service';
import type { HealthServiceDeps } from './health-service';
import { HOUR, NOW, run } from '../../test/main/health/health-test-support';

// The service over the real settings and history files in a temporary folder.
let root: string;
let settings: SettingsStore;
let history: BackupStateStore;
let logged: string[];
let emitted: HealthReport[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'nv-health-'));
  settings = await SettingsStore.open(join(root, 'settings.json'), { platform: 'linux' });
  history = await BackupStateStore.open(join(root, 'backup-state.json'));
  await settings.setBackupFolder(join(root, 'backups'));
  logged = [];
  emitted = [];
});
afterEach(() => rm(root, { recursive: true, force: true }));

function service(overrides: Partial<HealthServiceDeps> = {}): HealthService {
  return new HealthService({
    settings,
    history,
    now: () => NOW,
    emit: (event, payload) => {
      if (event === 'health:didChange') emitted.push(payload as HealthReport);
    },
    can: { runDrill: true, catchUp: true },
    log: (message) => logged.push(message),
    ...overrides,
  });
}

describe('HealthService', () => {
  it('announces a new report when the history changes, to the window and to its listeners', async () => {
    const health = service();
    const heard: HealthReport[] = [];
    health.onDidChange((report) => heard.push(report));
    await history.record(run({ ok: false, message: 'The drive is full.', startedAt: NOW - HOUR }));
    await health.refresh();
    expect(emitted.at(-1)?.summary).toBe('The last scheduled backup (1 hour ago) failed: The drive is full.');
    expect(heard).toEqual(emitted);
    health.dispose();
  });

  it('does not announce a report that says the same, and stops listening when disposed', async () => {
    const health = service();
    await health.refresh();
    const count = emitted.length;
    await health.refresh();
    expect(emitted).toHaveLength(count);
    health.dispose();
    await settings.update({ schedule: 'daily' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(emitted).toHaveLength(count);
  });

  it('builds the report without a source that cannot be read, and logs why', async () => {
    const health = service({
      destinations: { read: () => Promise.reject(new Error('EIO: the drive stopped answering')) },
    });
    const report = await health.report();
    expect(report.items).toEqual([]);
    expect(report.summary).toBe('No backup yet.');
    expect(logged).toEqual([
      "Could not read the destinations' status for the health report: Error: EIO: the drive stopped answering",
    ]);
  });
});

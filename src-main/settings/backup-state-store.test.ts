import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ERROR_DETAILS_CHARS } from '../../src-shared/errors';
import type { BackupRunRecord } from '../../src-shared/settings';
import { nodeFileSystem } from '../fsx/fs-seam';
import { fakeClock, scripted, tempFolders } from '../../test/main/fsx/test-faults';
import { BACKUP_STATE_FILE, BackupStateStore, RECENT_SUCCESSES_KEPT } from './backup-state-store';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const success = (startedAt: number, kind: 'manual' | 'scheduled' = 'scheduled'): BackupRunRecord => ({
  kind,
  startedAt,
  finishedAt: startedAt + 5000,
  ok: true,
  file: `/b/NoteVault-${startedAt}.nvbak`,
  noteCount: 40,
  message: null,
});
const failure = (startedAt: number): BackupRunRecord => ({
  kind: 'scheduled',
  startedAt,
  finishedAt: startedAt + 100,
  ok: false,
  file: null,
  noteCount: null,
  message: 'The backup folder is not available.',
});

async function stateFile(content?: string) {
  const file = join(await folders.make(), BACKUP_STATE_FILE);
  if (content !== undefined) await writeFile(file, content);
  return file;
}

describe('BackupStateStore', () => {
  it('starts empty without a file', async () => {
    const store = await BackupStateStore.open(await stateFile());
    expect(store.get()).toEqual({ lastRun: null, lastSuccess: null, recentSuccesses: [] });
    expect(store.lastSuccessAt()).toBeNull();
  });

  it('records runs, keeps the last success through a failure, and survives a restart', async () => {
    const file = await stateFile();
    const store = await BackupStateStore.open(file);
    await store.record(success(1000, 'manual'));
    await store.record(failure(2000));
    expect(store.get().lastRun).toEqual(failure(2000));
    expect(store.lastSuccessAt()).toBe(1000);
    const reopened = await BackupStateStore.open(file);
    expect(reopened.get()).toEqual(store.get());
    expect(reopened.verifiedFiles()).toEqual(new Set(['/b/NoteVault-1000.nvbak']));
  });

  it('keeps a failure as its sentence plus the technical details, on disk and after a restart', async () => {
    const file = await stateFile();
    const store = await BackupStateStore.open(file);
    const failed: BackupRunRecord = {
      ...failure(2000),
      message:
        'There is not enough free disk space: free some space or choose another folder, then try again.',
      details: 'Could not write "/b/.tmp-1.nvbak": the drive is full (ENOSPC).',
    };
    await store.record(failed);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { lastRun: unknown };
    expect(saved.lastRun).toEqual(failed);
    expect((await BackupStateStore.open(file)).get().lastRun).toEqual(failed);
  });

  it("keeps a failure's remedy after a restart, so Open Settings is still offered", async () => {
    const file = await stateFile();
    const failed: BackupRunRecord = { ...failure(2000), remedy: 'settings' };
    await (await BackupStateStore.open(file)).record(failed);
    expect((await BackupStateStore.open(file)).get().lastRun).toEqual(failed);
  });

  it('loads a history written before details were kept, and cuts oversized details instead of dropping it', async () => {
    // The shape NoteVault wrote before failures carried details: no such key at all.
    const { details: _none, ...oldFailure } = failure(2000);
    const old = {
      version: 1,
      lastRun: oldFailure,
      lastSuccess: success(1000),
      recentSuccesses: [success(1000)],
    };
    const oldStore = await BackupStateStore.open(await stateFile(JSON.stringify(old)));
    expect(oldStore.get().lastRun).toEqual(oldFailure);
    expect(oldStore.get().lastRun).not.toHaveProperty('details');
    expect(oldStore.lastSuccessAt()).toBe(1000);

    const huge = { ...old, lastRun: { ...oldFailure, details: 'x'.repeat(MAX_ERROR_DETAILS_CHARS * 3) } };
    const logs: string[] = [];
    const cut = await BackupStateStore.open(await stateFile(JSON.stringify(huge)), {
      log: (m) => logs.push(m),
    });
    expect(cut.get().lastRun?.details).toHaveLength(MAX_ERROR_DETAILS_CHARS);
    expect(cut.lastSuccessAt()).toBe(1000);
    expect(logs).toEqual([]);
  });

  it('a late-reported older run does not replace a newer last success', async () => {
    const store = await BackupStateStore.open(await stateFile());
    await store.record(success(5000));
    await store.record(success(3000, 'manual'));
    expect(store.lastSuccessAt()).toBe(5000);
    expect(store.get().recentSuccesses.map((run) => run.startedAt)).toEqual([5000, 3000]);
  });

  it(`keeps only the newest ${RECENT_SUCCESSES_KEPT} successes`, async () => {
    const store = await BackupStateStore.open(await stateFile());
    await Promise.all(
      Array.from({ length: RECENT_SUCCESSES_KEPT + 5 }, (_, i) => store.record(success(i * 1000))),
    );
    expect(store.get().recentSuccesses).toHaveLength(RECENT_SUCCESSES_KEPT);
    expect(store.get().recentSuccesses[0]?.startedAt).toBe((RECENT_SUCCESSES_KEPT + 4) * 1000);
  });

  it('starts afresh (and logs) from a damaged file', async () => {
    const logs: string[] = [];
    const file = await stateFile('{"version":1,"lastRun":"yesterday"}');
    const store = await BackupStateStore.open(file, { log: (m) => logs.push(m) });
    expect(store.get().lastSuccess).toBeNull();
    expect(logs).toEqual([`Ignored the damaged backup history "${file}"; the next backup starts it afresh.`]);
  });

  it('knows about a success in memory even when the file cannot be written', async () => {
    const logs: string[] = [];
    const clock = fakeClock();
    const file = await stateFile();
    const store = await BackupStateStore.open(file, {
      fs: { ...nodeFileSystem, rename: scripted(nodeFileSystem.rename, ['ENOSPC'], 'rename') },
      retry: { sleep: clock.sleep, now: clock.now },
      log: (m) => logs.push(m),
    });
    const changes: unknown[] = [];
    store.onDidChange((status) => changes.push(status));
    await store.record(success(1000));
    expect(store.lastSuccessAt()).toBe(1000);
    expect(changes).toHaveLength(1);
    expect(logs[0]).toMatch(/^Could not save the backup history to .*the drive is full/);
    await store.record(success(2000));
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      version: 1,
      lastSuccess: { startedAt: 2000 },
    });
  });
});

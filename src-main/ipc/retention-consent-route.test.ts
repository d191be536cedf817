/**
 * A retention change from the window that would make the next clean-up delete backups kept now
 * waits for main's own dialog, which says how many and how many bytes; a "no" saves nothing and
 * answers CANCELLED, so a script in the window cannot shrink every destination's retention and
 * have the next run delete the backups. The real services over the router, with real files; only
 * the native dialog is answered by the test.
 */
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName } from '../backup/backup-names';
import { HOUR_MS } from '../schedule/next-run';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

const app = useRoutedApp();
const EXTRA = 'd0a1b2c3d';
const MIB = 1024 * 1024;
let extra: string;

beforeEach(async () => {
  extra = await mkdtemp(join(tmpdir(), 'notevault-retention-consent-'));
});
afterEach(() => rm(extra, { recursive: true, force: true }));

async function backupsIn(folder: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const handle = await open(
      join(folder, backupFileName(new Date(Date.now() - i * HOUR_MS), 'scheduled')),
      'wx',
    );
    await handle.truncate(6 * MIB);
    await handle.close();
  }
}

async function setUp(): Promise<{ primary: string[]; extra: string[] }> {
  const { services, backupFolder } = app.fixture;
  await services.settingsStore.setExtraDestinations([
    { id: EXTRA, folder: extra, retention: { keepLast: 10, thinDailyWeekly: false } },
  ]);
  await backupsIn(backupFolder, 3);
  await backupsIn(extra, 2);
  return { primary: (await readdir(backupFolder)).sort(), extra: (await readdir(extra)).sort() };
}

const fewer = {
  retention: { keepLast: 1 },
  destinationRetention: { id: EXTRA, retention: { keepLast: 1, capMegabytes: 10 } },
};

describe('a retention change that deletes backups kept now', () => {
  it("changes nothing when the person answers no in main's dialog, which gives the count and bytes", async () => {
    const before = await setUp();
    const settingsBefore = app.fixture.services.settings.get();
    app.fixture.confirmations.answer = false;

    expect(await app.router.dispatch('settings:update', fewer, OUR_WINDOW)).toEqual({
      ok: false,
      error: {
        code: 'CANCELLED',
        message: 'The setting was not changed, so no backup is deleted because of it.',
      },
    });

    expect(app.fixture.services.settings.get()).toEqual(settingsBefore);
    const [question, ...more] = app.fixture.confirmations.asked;
    expect(more).toEqual([]);
    expect(question?.message).toBe('Delete 3 backups at the next clean-up?');
    expect(question?.detail).toBe(
      `With this setting the next clean-up deletes 3 backups (18.0 MB) that NoteVault keeps now: ` +
        `2 backups in ${app.fixture.backupFolder}, 1 backup in ${extra}. Deleted backups cannot be brought back.`,
    );
    // The next clean-up runs with the policy kept, and deletes none of them.
    await app.fixture.services.destinations.applyRetention();
    expect((await readdir(app.fixture.backupFolder)).sort()).toEqual(before.primary);
    expect((await readdir(extra)).sort()).toEqual(before.extra);

    // A change that deletes nothing more is saved without a question: a cap the backups fit
    // under, and fewer kept where only as many are there.
    for (const patch of [
      { retention: { keepLast: 20, capMegabytes: 100 } },
      { destinationRetention: { id: EXTRA, retention: { keepLast: 2, capMegabytes: 20 } } },
    ]) {
      expect(await app.router.dispatch('settings:update', patch, OUR_WINDOW)).toMatchObject({ ok: true });
    }
    expect(app.fixture.confirmations.asked).toHaveLength(1);
  });

  it('saves the change once the person confirms', async () => {
    await setUp();
    const answer = await app.router.dispatch('settings:update', fewer, OUR_WINDOW);
    expect(answer).toMatchObject({ ok: true, value: { retention: { keepLast: 1 } } });
    expect(app.fixture.confirmations.asked).toHaveLength(1);
    expect(app.fixture.services.settings.get().extraDestinations?.[0]?.retention).toEqual({
      keepLast: 1,
      thinDailyWeekly: false,
      capMegabytes: 10,
    });
  });

  it('asks without figures when a destination that cannot be reached now would keep fewer', async () => {
    await setUp();
    await rm(extra, { recursive: true });
    app.fixture.confirmations.answer = false;
    expect(
      await app.router.dispatch(
        'settings:update',
        { destinationRetention: { id: EXTRA, retention: { keepLast: 1 } } },
        OUR_WINDOW,
      ),
    ).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(app.fixture.confirmations.asked.map((question) => question.message)).toEqual([
      'Keep fewer backups from now on?',
    ]);
    expect(app.fixture.services.settings.get().extraDestinations?.[0]?.retention.keepLast).toBe(10);
  });
});

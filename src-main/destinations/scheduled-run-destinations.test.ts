import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorkspace } from '../../test/main/backup/backup-test-support';
import {
  backupsIn,
  DRIVE,
  setupDestinations,
  SYNCED,
} from '../../test/main/destinations/destinations-test-support';
import { sha256OfFile } from '../fsx/file-sha256';

// Done-when 2 of issue #17: three destinations, one missing (an unplugged drive) and one held by a
// sync client (on Linux the holder is injected at the file seam: the rename that publishes the
// copy fails the way Windows fails it while a client has the new file open without share-delete).
// The real engine, catalogue and copy-in path; only the holder is simulated.
const ws = useWorkspace();
const setup = (code = 'EBUSY', platform: NodeJS.Platform = 'linux') =>
  setupDestinations(ws, { code, platform });

describe('a scheduled run with three destinations', () => {
  it.each([
    ['EBUSY', 'linux'],
    ['EPERM', 'win32'],
  ] as const)(
    'copies and verifies where it can, says per destination what happened, and catches up the missing and the held one (%s, %s semantics)',
    async (code, platform) => {
      const { runner, destinations, catalogue, holder, drive, synced, logs } = await setup(code, platform);

      const result = await runner.runScheduled();
      expect(result.ok).toBe(true);
      const file = result.ok ? result.value.file : '';
      const name = basename(file);
      expect(backupsIn(ws.backups)).toEqual([name]);
      // The unplugged drive and the held folder: no copy, and no partial left behind either.
      expect(backupsIn(drive)).toEqual([]);
      expect(backupsIn(synced)).toEqual([]);
      expect(holder.refusals).toBeGreaterThan(1);

      const entry = catalogue.get(name);
      expect(entry).toMatchObject({
        size: readFileSync(file).length,
        fileSha256: (await sha256OfFile(file)).sha256,
        noteCount: 5,
        openWithDevice: true,
      });
      expect(entry?.copies.primary?.state).toBe('verified');
      expect(entry?.copies[DRIVE]).toMatchObject({
        state: 'missing',
        message: expect.stringContaining(`"${drive}" cannot be reached`) as unknown,
      });
      expect(entry?.copies[SYNCED]).toMatchObject({
        state: 'failed',
        message: expect.stringContaining('another program is using the file') as unknown,
      });
      expect(logs.some((line) => line.includes(drive))).toBe(true);
      expect(logs.some((line) => line.includes(synced))).toBe(true);

      const status = await destinations.status();
      expect(
        status.map(({ id, reachable, pendingCount, lastVerifiedCopy }) => ({
          id,
          reachable,
          pendingCount,
          lastVerifiedCopy,
        })),
      ).toEqual([
        { id: 'primary', reachable: true, pendingCount: 0, lastVerifiedCopy: name },
        { id: DRIVE, reachable: false, pendingCount: 1, lastVerifiedCopy: null },
        { id: SYNCED, reachable: true, pendingCount: 1, lastVerifiedCopy: null },
      ]);
      expect(status[1]?.problem).toContain('cannot be reached');
      expect(status[2]?.lastCopyProblem).toContain('another program is using the file');
      expect(status[0]?.usageBytes).toBe(readFileSync(file).length);

      // The drive is plugged in again and the sync client let go.
      mkdirSync(drive, { recursive: true });
      holder.held = false;
      expect(await destinations.catchUp()).toBe(2);
      for (const folder of [drive, synced]) {
        expect(backupsIn(folder)).toEqual([name]);
        expect(readFileSync(join(folder, name)).equals(readFileSync(file))).toBe(true);
      }
      expect(Object.values(catalogue.get(name)?.copies ?? {}).map((copy) => copy.state)).toEqual([
        'verified',
        'verified',
        'verified',
      ]);
      expect(
        (await destinations.status()).map((d) => [d.id, d.reachable, d.pendingCount, d.lastCopyProblem]),
      ).toEqual([
        ['primary', true, 0, null],
        [DRIVE, true, 0, null],
        [SYNCED, true, 0, null],
      ]);
    },
  );

  it('verifies the copy in the same run when the sync client lets go within the retry budget', async () => {
    const { runner, catalogue, holder, synced } = await setup('EBUSY');
    holder.lettingGoAfter = 3;
    const result = await runner.runScheduled();
    const name = basename(result.ok ? result.value.file : '');
    expect(holder.refusals).toBe(3);
    expect(backupsIn(synced)).toEqual([name]);
    expect(catalogue.get(name)?.copies[SYNCED]?.state).toBe('verified');
  });

  it('catches up at the start of the next run: the returned drive gets the newest backup it lacks', async () => {
    const { runner, catalogue, holder, drive, advance } = await setup();
    holder.held = false;
    const first = await runner.runScheduled();
    const firstName = basename(first.ok ? first.value.file : '');
    expect(catalogue.get(firstName)?.copies[DRIVE]?.state).toBe('missing');
    mkdirSync(drive, { recursive: true });
    advance(3_600_000);
    const second = await runner.runScheduled();
    expect(second.ok).toBe(true);
    const secondName = basename(second.ok ? second.value.file : '');
    // Catch-up copied the newest it lacked (the first), then the run copied its own.
    expect(backupsIn(drive)).toEqual([firstName, secondName].sort());
    expect(catalogue.get(firstName)?.copies[DRIVE]?.state).toBe('verified');
    expect(catalogue.get(secondName)?.copies[DRIVE]?.state).toBe('verified');
  });

  it('finishes its catch-up before a failed run resolves, so a headless run never exits halfway through a copy', async () => {
    const { runner, catalogue, holder, drive, advance } = await setup();
    holder.held = false;
    const first = await runner.runScheduled();
    const name = basename(first.ok ? first.value.file : '');
    mkdirSync(drive, { recursive: true });
    advance(3_600_000);
    // The notes database is gone: this run's backup fails at once.
    rmSync(ws.db);
    expect((await runner.runScheduled()).ok).toBe(false);
    expect(backupsIn(drive)).toEqual([name]);
    expect(catalogue.get(name)?.copies[DRIVE]?.state).toBe('verified');
  });

  it('cleans up each destination with its own retention and forgets only what went there', async () => {
    const { runner, catalogue, holder, synced, advance, settings } = await setup();
    holder.held = false;
    const names: string[] = [];
    const run = async () => {
      const made = await runner.runScheduled();
      names.push(basename(made.ok ? made.value.file : ''));
      advance(3_600_000);
    };
    for (let i = 0; i < 3; i++) await run();
    expect(backupsIn(synced)).toEqual([...names].sort());
    // The synced folder keeps 2 from now on; the backup folder still keeps 10.
    const extras = settings.extraDestinations ?? [];
    settings.extraDestinations = extras.map((extra) =>
      extra.id === SYNCED ? { ...extra, retention: { keepLast: 2, thinDailyWeekly: false } } : extra,
    );
    await run();
    expect(backupsIn(ws.backups)).toEqual([...names].sort());
    expect(backupsIn(synced)).toEqual(names.slice(2).sort());
    for (const name of names.slice(0, 2)) {
      expect(Object.keys(catalogue.get(name)?.copies ?? {})).toEqual(['primary', DRIVE]);
    }
    expect(catalogue.get(names[3] ?? '')?.copies[SYNCED]?.state).toBe('verified');
  });
});

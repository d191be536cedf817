/**
 * The drill service with the real catalogue and the real drill (drillBackup, in this thread
 * instead of the worker) on real backups, on a test clock. A job the person starts is played by
 * a drill that fails with BUSY, as JobGate.runLowPriority does (job-gate.test.ts shows the gate).
 */
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { defaultSettings } from '../../src-shared/settings';
import type { DrillInterval, Settings } from '../../src-shared/settings';
import {
  PASSKEY,
  cheapKey,
  makeNotesDatabase,
  sha256File,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { NEW_PASSKEY, passkeyWayIn } from '../../test/main/backup/rekey-test-support';
import { PasskeyDerivations } from '../backup/rekey/passkey-derivations';
import { rekeyFile } from '../backup/rekey/rekey-file';
import { TestClock } from '../../test/main/schedule/test-clock';
import { createBackup } from '../backup/create-backup';
import { drillBackup } from '../backup/drill/drill-backup';
import { keyIdOf, publicKeyOf } from '../backup/format/v2/way-in-keys';
import type { BackupKind } from '../backup/format/metadata';
import { Listeners } from '../schedule/listeners';
import { BackupCatalogue, copyExpectation } from '../settings/backup-catalogue';
import type { SettingsChange } from '../settings/settings-store';
import type { DrillJobRequest } from './drill-service';
import { DrillService } from './drill-service';
import { DRILL_INTERVAL_MS, DRILL_START_GRACE_MS, RETRY_AFTER_GIVING_WAY_MS } from './drill-timing';

const ws = useWorkspace();
// Registered after the workspace's, so it runs first: the last catalogue write lands before the folder goes.
const opened: BackupCatalogue[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((catalogue) => catalogue.flush()));
});
const SECOND = 'd0000000b';
const START = new Date('2026-12-06T08:00:00.000Z');

interface Harness {
  service: DrillService;
  catalogue: BackupCatalogue;
  clock: TestClock;
  notifications: { title: string; body: string }[];
  drilled: string[];
  deviceKeys: Uint8Array[];
  setSettings(patch: Partial<Settings>): void;
  names: string[];
}

/** Settings with the backup folder and a second destination; drills as given. */
function settingsWith(second: string, drillSchedule?: DrillInterval): Settings {
  return {
    ...defaultSettings('linux'),
    backupFolder: ws.backups,
    extraDestinations: [{ id: SECOND, folder: second, retention: defaultSettings('linux').retention }],
    ...(drillSchedule === undefined ? {} : { drillSchedule }),
  };
}

function flipByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from([bytes[offset]! ^ 0x01]), 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

/**
 * Backups made a day apart (scheduled ones open with the device key, a manual one does not),
 * each catalogued as written in the backup folder; `copied` of them also copied to the second
 * destination and catalogued there.
 */
async function harness(
  kinds: BackupKind[],
  options: {
    copied?: number;
    drillSchedule?: DrillInterval;
    runDrill?: (r: DrillJobRequest) => Promise<void>;
    /** Merged into each drill's request (a temp folder, an in-memory limit). */
    drillRequest?: Partial<DrillJobRequest>;
    busy?: () => boolean;
  } = {},
): Promise<Harness> {
  makeNotesDatabase(ws.db, 12);
  const second = join(ws.root, 'usb');
  mkdirSync(second);
  const deviceSecret = crypto.getRandomValues(new Uint8Array(32));
  const devicePublic = await publicKeyOf(deviceSecret);
  const clock = new TestClock(START);
  const catalogue = await BackupCatalogue.open(join(ws.root, 'backup-catalogue.json'), {
    now: () => clock.now(),
  });
  opened.push(catalogue);
  const names: string[] = [];
  for (const [i, kind] of kinds.entries()) {
    const made = await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: await cheapKey(),
      alsoOpenWith: kind === 'scheduled' ? { device: devicePublic } : {},
      kind,
      appVersion: '0.1.0',
      tempParent: ws.temp,
      now: () => new Date(START.getTime() - (kinds.length - i) * DRILL_INTERVAL_MS.daily),
    });
    const name = basename(made.file);
    names.push(name);
    const entry = {
      name,
      kind,
      createdAt: made.metadata.createdAt,
      size: made.size,
      fileSha256: made.fileSha256,
      noteCount: made.metadata.noteCount,
      openWithDevice: kind === 'scheduled',
    };
    await catalogue.recordWritten(entry, 'primary');
    if (i >= kinds.length - (options.copied ?? 0)) {
      copyFileSync(made.file, join(second, name));
      await catalogue.recordCopy(name, SECOND, { state: 'verified', at: clock.now() });
    }
  }
  let settings = settingsWith(second, options.drillSchedule);
  const changes = new Listeners<SettingsChange>();
  const notifications: { title: string; body: string }[] = [];
  const drilled: string[] = [];
  const deviceKeys: Uint8Array[] = [];
  const service = new DrillService({
    settings: { get: () => settings, onDidChange: (listener) => changes.on(listener) },
    catalogue,
    runDrill: async (request, signal) => {
      drilled.push(
        `${request.file === join(second, basename(request.file)) ? SECOND : 'primary'}:${basename(request.file)}`,
      );
      await options.runDrill?.(request);
      return drillBackup({ ...request, tempParent: ws.temp, ...options.drillRequest }, { signal });
    },
    deviceKey: () => {
      const copy = deviceSecret.slice();
      deviceKeys.push(copy);
      return Promise.resolve(copy);
    },
    isBusy: options.busy ?? (() => false),
    clock,
    notify: (title, body) => notifications.push({ title, body }),
    random: () => 0.99,
    log: () => undefined,
  });
  return {
    service,
    catalogue,
    clock,
    notifications,
    drilled,
    deviceKeys,
    names,
    setSettings(patch) {
      const previous = settings;
      settings = { ...settings, ...patch };
      changes.fire({ settings, previous });
    },
  };
}

describe('DrillService on schedule', () => {
  it('drills the newest and one older backup per destination after the start grace, records them, and waits a week', async () => {
    const h = await harness(['scheduled', 'scheduled', 'scheduled', 'manual'], { copied: 3 });
    const [oldest, older, newestScheduled, manual] = h.names;
    h.service.start();
    expect(h.service.status()).toMatchObject({ schedule: 'weekly', lastRunAt: null, running: false });
    expect(h.service.nextRunAt()).toBe(START.getTime() + DRILL_START_GRACE_MS);
    await h.clock.advance(DRILL_START_GRACE_MS - 1);
    expect(h.drilled).toEqual([]);
    await h.clock.advance(1);
    await waitUntil(() => h.service.status().lastRun !== null);
    // Unattended: the manual backup (no device slot) is not among them; random() = 0.99 picks the oldest.
    expect(h.drilled).toEqual([
      `primary:${newestScheduled}`,
      `primary:${oldest}`,
      `${SECOND}:${newestScheduled}`,
      `${SECOND}:${older}`,
    ]);
    const run = h.service.status().lastRun;
    expect(run?.stopped).toBeNull();
    expect(run?.outcomes.map((o) => [o.outcome, o.noteCount])).toEqual([
      ['passed', 12],
      ['passed', 12],
      ['passed', 12],
      ['passed', 12],
    ]);
    expect(h.catalogue.get(newestScheduled!)?.copies[SECOND]?.lastDrill).toMatchObject({
      ok: true,
      noteCount: 12,
    });
    expect(h.catalogue.get(manual!)?.copies.primary?.lastDrill).toBeUndefined();
    expect(h.notifications).toEqual([]);
    // The device key is wiped once the run is over.
    expect(h.deviceKeys.every((key) => key.every((byte) => byte === 0))).toBe(true);
    const lastRunAt = h.service.status().lastRunAt ?? 0;
    expect(h.service.nextRunAt()).toBe(lastRunAt + DRILL_INTERVAL_MS.weekly);

    h.drilled.length = 0;
    await h.clock.advance(DRILL_INTERVAL_MS.weekly - 60_000);
    expect(h.drilled).toEqual([]);
    await h.clock.advance(60_000);
    await waitUntil(() => h.drilled.length === 4);
    h.service.stop();
  });

  it('records a damaged backup as failed, naming the file, and notifies once', async () => {
    const h = await harness(['scheduled', 'scheduled']);
    const [older, newest] = h.names;
    flipByte(join(ws.backups, newest!), 5000);
    const run = await h.service.runDue();
    expect(run?.outcomes.map((o) => o.outcome)).toEqual(['failed', 'passed']);
    const failed = h.catalogue.get(newest!)?.copies.primary?.lastDrill;
    expect(failed).toMatchObject({ ok: false, noteCount: null });
    expect(failed?.message).toContain(newest);
    expect(h.catalogue.get(older!)?.copies.primary?.lastDrill?.ok).toBe(true);
    expect(h.notifications).toHaveLength(1);
    expect(h.notifications[0]?.title).toBe('A backup failed its restore test');
    expect(h.notifications[0]?.body).toContain(newest);
  });

  it('gives way to a job the person starts: nothing recorded, tried again later', async () => {
    let giveWay = true;
    const h = await harness(['scheduled'], {
      runDrill: () => {
        if (!giveWay) return Promise.resolve();
        giveWay = false;
        return Promise.reject(
          new NoteVaultError('BUSY', 'The background check gave way to a job you started.'),
        );
      },
    });
    h.service.start();
    await h.clock.advance(DRILL_START_GRACE_MS);
    await waitUntil(() => h.service.status().lastRun !== null);
    expect(h.service.status().lastRun).toMatchObject({ stopped: 'gave-way', outcomes: [] });
    expect(h.catalogue.get(h.names[0]!)?.copies.primary?.lastDrill).toBeUndefined();
    expect(h.notifications).toEqual([]);
    const retryAt = h.service.nextRunAt() ?? 0;
    expect(retryAt - h.clock.now()).toBe(RETRY_AFTER_GIVING_WAY_MS);
    await h.clock.advance(RETRY_AFTER_GIVING_WAY_MS);
    await waitUntil(() => h.service.status().lastRun?.stopped === null);
    expect(h.catalogue.get(h.names[0]!)?.copies.primary?.lastDrill?.ok).toBe(true);
    h.service.stop();
  });

  it('runs nothing while drills are off, and starts when they are turned on', async () => {
    const h = await harness(['scheduled'], { drillSchedule: 'off' });
    h.service.start();
    expect(h.service.nextRunAt()).toBeNull();
    await h.clock.advance(DRILL_INTERVAL_MS.monthly);
    expect(h.drilled).toEqual([]);
    h.setSettings({ drillSchedule: 'daily' });
    await h.clock.advance(DRILL_START_GRACE_MS);
    await waitUntil(() => h.drilled.length === 1);
    h.service.stop();
  });

  it('skips a destination that cannot be reached', async () => {
    const h = await harness(['scheduled'], { copied: 1 });
    rmSync(join(ws.root, 'usb'), { recursive: true });
    const run = await h.service.runDue();
    expect(h.drilled).toEqual([`primary:${h.names[0]}`]);
    expect(run?.outcomes).toHaveLength(1);
  });
});

describe('DrillService: what is a verdict on the backup', () => {
  it('a drive pulled during its drill is not tested: nothing recorded, nothing notified', async () => {
    const drive = join(ws.root, 'usb');
    const h = await harness(['scheduled'], {
      copied: 1,
      runDrill: (request) => {
        if (request.file.startsWith(drive)) rmSync(drive, { recursive: true });
        return Promise.resolve();
      },
    });
    const run = await h.service.runDue();
    expect(run?.outcomes.map((o) => [o.destinationId, o.outcome])).toEqual([
      ['primary', 'passed'],
      [SECOND, 'not-tested'],
    ]);
    expect(h.catalogue.get(h.names[0]!)?.copies[SECOND]?.lastDrill).toBeUndefined();
    expect(h.notifications).toEqual([]);
  });

  it('a temporary folder NoteVault refuses to use is not tested, and the backup stays unjudged', async () => {
    const shared = join(ws.root, 'shared-tmp');
    mkdirSync(shared);
    chmodSync(shared, 0o777); // others may change it, not sticky: assertSafeTempParent refuses it
    const h = await harness(['scheduled'], { drillRequest: { tempParent: shared, inMemoryLimit: 0 } });
    const run = await h.service.runDue();
    expect(run?.outcomes.map((o) => o.outcome)).toEqual(['not-tested']);
    expect(run?.outcomes[0]?.message).toMatch(/will not put temporary files/);
    expect(h.catalogue.get(h.names[0]!)?.copies.primary?.lastDrill).toBeUndefined();
    expect(h.notifications).toEqual([]);
  });

  it('a backup gone from its folder during its drill fails, naming the file and the folder', async () => {
    const h = await harness(['scheduled'], {
      runDrill: (request) => {
        rmSync(request.file);
        return Promise.resolve();
      },
    });
    const [name] = h.names;
    const run = await h.service.runDue();
    expect(run?.outcomes.map((o) => o.outcome)).toEqual(['failed']);
    const failed = h.catalogue.get(name!)?.copies.primary?.lastDrill;
    expect(failed).toMatchObject({ ok: false, noteCount: null });
    expect(failed?.message).toBe(
      `The backup "${name}" disappeared from "${ws.backups}" during its restore test: if you did not delete it, make a new backup now.`,
    );
    expect(h.notifications).toHaveLength(1);
  });

  it('a backup deleted from its folder before the run is not picked: the next newest is tested instead', async () => {
    const h = await harness(['scheduled', 'scheduled', 'scheduled']);
    const [oldest, older, newest] = h.names;
    rmSync(join(ws.backups, newest!));
    const run = await h.service.runDue();
    expect(run?.outcomes.map((o) => [o.name, o.outcome])).toEqual([
      [older, 'passed'],
      [oldest, 'passed'],
    ]);
    expect(h.catalogue.get(newest!)?.copies.primary?.lastDrill).toBeUndefined();
    expect(h.notifications).toEqual([]);
  });
});

describe('DrillService when the backup folder changes', () => {
  it("forgets the backup folder's copies not in the new folder, keeping those there and the other destinations'", async () => {
    const h = await harness(['scheduled', 'scheduled', 'scheduled'], { copied: 1 });
    const [oldest, older, newest] = h.names;
    const moved = join(ws.root, 'moved');
    mkdirSync(moved);
    copyFileSync(join(ws.backups, older!), join(moved, older!));
    h.service.start();
    h.setSettings({ backupFolder: moved });
    await waitUntil(() => h.catalogue.get(oldest!) === undefined);
    // The oldest had no other copy: its entry went. The newest keeps its copy on the drive.
    expect(Object.keys(h.catalogue.get(newest!)?.copies ?? {})).toEqual([SECOND]);
    expect(Object.keys(h.catalogue.get(older!)?.copies ?? {})).toEqual(['primary']);
    h.service.stop();
    const run = await h.service.runNow();
    expect(run.outcomes.map((o) => [o.destinationId, o.name, o.outcome])).toEqual([
      ['primary', older, 'passed'],
      [SECOND, newest, 'passed'],
    ]);
  });
});

describe('DrillService after a passkey change', () => {
  it('passes a backup whose header the change rewrote, and that copy expects its new bytes from then on', async () => {
    const h = await harness(['scheduled'], { copied: 1 });
    const [name] = h.names;
    const file = join(ws.backups, name!);
    const newWay = await passkeyWayIn(NEW_PASSKEY);
    const derivations = new PasskeyDerivations({ old: PASSKEY, new: NEW_PASSKEY });
    const outcome = await rekeyFile(file, {
      oldPasskey: PASSKEY,
      newPasskey: NEW_PASSKEY,
      deriveOld: derivations.deriverFor('old'),
      deriveNew: derivations.deriverFor('new'),
      newRecipient: { kind: 'passkey', kdf: newWay.kdf, publicKey: newWay.publicKey },
      newKeyId: await keyIdOf(newWay.publicKey),
      mayDerive: () => true,
    });
    expect(outcome).toMatchObject({ status: 'changed' });
    const before = h.catalogue.get(name!)!;
    const run = await h.service.runNow({ passkey: NEW_PASSKEY });
    // The copy elsewhere keeps the old passkey: not tested with the new one, and nothing recorded against it.
    expect(run.outcomes.map((o) => [o.destinationId, o.outcome])).toEqual([
      ['primary', 'passed'],
      [SECOND, 'not-tested'],
    ]);
    expect(h.catalogue.get(name!)?.copies[SECOND]?.lastDrill).toBeUndefined();
    const now = { size: statSync(file).size, fileSha256: sha256File(file) };
    expect(now.fileSha256).not.toBe(before.fileSha256);
    expect(copyExpectation(h.catalogue.get(name!)!, 'primary')).toEqual(now);
    // The copy elsewhere was not changed: it still expects the bytes written.
    expect(copyExpectation(h.catalogue.get(name!)!, SECOND)).toEqual({
      size: before.size,
      fileSha256: before.fileSha256,
    });
  });
});

describe('DrillService.runNow', () => {
  it('with the passkey tests any backup, the manual one too; a wrong one is refused and records nothing', async () => {
    const h = await harness(['scheduled', 'manual']);
    const [scheduled, manual] = h.names;
    await expect(h.service.runNow({ passkey: 'not the passkey' })).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
    });
    expect(h.catalogue.get(manual!)?.copies.primary?.lastDrill).toBeUndefined();
    const run = await h.service.runNow({ passkey: PASSKEY });
    expect(run.trigger).toBe('window');
    expect(run.outcomes.map((o) => [o.name, o.outcome])).toEqual([
      [manual, 'passed'],
      [scheduled, 'passed'],
    ]);
    expect(run.outcomes[0]).not.toHaveProperty('keyError');
  });

  it('is refused while another job runs, and a due scheduled run waits for it', async () => {
    let busy = true;
    const h = await harness(['scheduled'], { busy: () => busy });
    await expect(h.service.runNow({ passkey: PASSKEY })).rejects.toMatchObject({ code: 'BUSY' });
    expect(await h.service.runDue()).toBeNull();
    expect(h.drilled).toEqual([]);
    expect((h.service.nextRunAt() ?? 0) - h.clock.now()).toBe(RETRY_AFTER_GIVING_WAY_MS);
    busy = false;
    expect((await h.service.runNow({ passkey: PASSKEY })).outcomes.map((o) => o.outcome)).toEqual(['passed']);
  });

  it('without a passkey uses the device key; refuses a second run and stops on cancel', async () => {
    const h = await harness(['scheduled', 'scheduled']);
    const first = h.service.runNow();
    await expect(h.service.runNow()).rejects.toMatchObject({ code: 'BUSY' });
    h.service.cancel();
    const run = await first;
    expect(run.stopped).toBe('cancelled');
    expect(run.outcomes).toEqual([]);
    expect((await h.service.runNow()).outcomes.map((o) => o.outcome)).toEqual(['passed', 'passed']);
  });
});

/** Waits for the fire-and-forget run a timer started (it runs real file I/O). */
async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('Timed out waiting for the drill run.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

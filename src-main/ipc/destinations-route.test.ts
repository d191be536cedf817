import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// Destinations through the real router and the app's real services: the folder comes only from
// main's dialog (the fixture's answers), a destination is named by its id, and removing one never
// touches its files.
const app = useRoutedApp();

const dispatch = (channel: Parameters<typeof app.router.dispatch>[0], args?: unknown) =>
  app.router.dispatch(channel, args, OUR_WINDOW);

it("adds the folder main's dialog chose, with a new id and the backup folder's retention, and announces it", async () => {
  const { fixture } = app;
  const second = `${fixture.backupFolder}-usb`;
  fixture.folderAnswers.push(second);
  const result = await dispatch('settings:addDestination');
  expect(result.ok).toBe(true);
  const settings = fixture.services.settingsStore.get();
  expect(settings.extraDestinations).toEqual([
    { id: expect.stringMatching(/^d[0-9a-f]{8}$/) as unknown, folder: second, retention: settings.retention },
  ]);
  expect(fixture.events.map((event) => event.event)).toContain('settings:didChange');
});

it('answers null and changes nothing when the person cancels the dialog', async () => {
  const { fixture } = app;
  fixture.folderAnswers.push(null);
  expect(await dispatch('settings:addDestination')).toEqual({ ok: true, value: null });
  expect(fixture.services.settingsStore.get().extraDestinations).toBeUndefined();
});

it.each([
  [
    'the backup folder itself',
    (backups: string) => backups,
    /already a backup destination, or inside or around one/,
  ],
  [
    'a folder inside the backup folder',
    (backups: string) => join(backups, 'copies'),
    /already a backup destination/,
  ],
  ['a relative path', () => 'relative/folder', /it is not an absolute path/],
])('refuses %s', async (_, folderOf, message) => {
  const { fixture } = app;
  fixture.folderAnswers.push(folderOf(fixture.backupFolder));
  const result = await dispatch('settings:addDestination');
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: expect.stringMatching(message) as unknown },
  });
  expect(fixture.services.settingsStore.get().extraDestinations).toBeUndefined();
});

it('refuses to move the backup folder onto, inside or around an extra destination, and keeps the old one', async () => {
  const { fixture } = app;
  const usb = `${fixture.backupFolder}-usb`;
  mkdirSync(usb);
  fixture.folderAnswers.push(usb);
  expect((await dispatch('settings:addDestination')).ok).toBe(true);
  for (const folder of [usb, join(usb, 'inner'), dirname(usb)]) {
    fixture.folderAnswers.push(folder);
    const result = await dispatch('settings:chooseBackupFolder');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('other backup destinations') as unknown },
    });
  }
  expect(fixture.services.settingsStore.get().backupFolder).toBe(fixture.backupFolder);
});

it("refuses a folder inside NoteVault's own data folder", async () => {
  const { fixture } = app;
  fixture.folderAnswers.push(join(dirname(fixture.services.holder.databasePath), 'backups'));
  const result = await dispatch('settings:addDestination');
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: expect.stringContaining("NoteVault's own data folder") as unknown },
  });
});

it('refuses a fourth destination', async () => {
  const { fixture } = app;
  fixture.folderAnswers.push(
    `${fixture.backupFolder}-a`,
    `${fixture.backupFolder}-b`,
    `${fixture.backupFolder}-c`,
  );
  expect((await dispatch('settings:addDestination')).ok).toBe(true);
  expect((await dispatch('settings:addDestination')).ok).toBe(true);
  const result = await dispatch('settings:addDestination');
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: expect.stringContaining('at most 3 folders') as unknown },
  });
  expect(fixture.services.settingsStore.get().extraDestinations).toHaveLength(2);
});

it('removes a destination by its id and leaves its backups where they are, saying so', async () => {
  const { fixture } = app;
  const folder = `${fixture.backupFolder}-usb`;
  mkdirSync(folder);
  writeFileSync(join(folder, 'NoteVault-2026-12-01T10-00-00Z.nvbak'), 'a backup');
  fixture.folderAnswers.push(folder);
  await dispatch('settings:addDestination');
  const id = fixture.services.settingsStore.get().extraDestinations?.[0]?.id;
  const result = await dispatch('settings:removeDestination', { id });
  expect(result).toMatchObject({
    ok: true,
    value: {
      message: `NoteVault no longer copies backups to "${folder}"; the backups already there were left in place.`,
    },
  });
  expect(fixture.services.settingsStore.get().extraDestinations).toEqual([]);
  expect(readdirSync(folder)).toEqual(['NoteVault-2026-12-01T10-00-00Z.nvbak']);
  expect(await dispatch('settings:removeDestination', { id })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: expect.stringContaining('no longer in Settings') as unknown },
  });
});

it('reports each destination and catches up one that lacks the newest backup', async () => {
  const { fixture } = app;
  fixture.liveNote();
  const made = await fixture.services.runner.runManual({ passkey: fixture.passkey });
  const name = basename(made.file);
  const usb = `${fixture.backupFolder}-usb`;
  fixture.folderAnswers.push(usb);
  await dispatch('settings:addDestination');
  const id = fixture.services.settingsStore.get().extraDestinations?.[0]?.id ?? '';

  const before = await dispatch('destinations:status');
  expect(before).toMatchObject({
    ok: true,
    value: [
      {
        id: 'primary',
        folder: fixture.backupFolder,
        reachable: true,
        lastVerifiedCopy: name,
        pendingCount: 0,
      },
      { id, folder: usb, reachable: false, problem: expect.stringContaining('cannot be reached') as unknown },
    ],
  });

  mkdirSync(usb);
  const caughtUp = await dispatch('destinations:catchUp');
  expect(caughtUp).toMatchObject({
    ok: true,
    value: {
      copied: 1,
      destinations: [{ id: 'primary' }, { id, reachable: true, lastVerifiedCopy: name, pendingCount: 0 }],
    },
  });
  expect(readFileSync(join(usb, name)).equals(readFileSync(made.file))).toBe(true);
  expect(fixture.events.map((event) => event.event)).toContain('destinations:didChange');
});

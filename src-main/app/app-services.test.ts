import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrivateTempDir } from '../fsx/private-temp';
import { SETTINGS_FILE } from '../settings/settings-file';
import { SettingsStore } from '../settings/settings-store';
import { createAppServices } from './app-services';
import type { AppSeams, AppServices } from './app-services';
import { quietAppSeams } from '../../test/main/app/quiet-app-seams';

// The composition root's start-up sweep over real folders. No job runs here, so the worker
// path is never loaded; the sweep is what is under test.
let root: string;
let userData: string;
let backups: string;
let temp: string;
let services: AppServices | undefined;
let logged: string[];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-app-services-'));
  userData = join(root, 'userData');
  backups = join(root, 'backups');
  temp = join(root, 'tmp');
  for (const dir of [userData, backups, temp]) mkdirSync(dir);
  logged = [];
  services = undefined;
});

afterEach(async () => {
  await services?.dispose();
  rmSync(root, { recursive: true, force: true });
});

const seams = (overrides: Partial<AppSeams> = {}): AppSeams =>
  quietAppSeams(root, { tempParent: temp, log: (message) => void logged.push(message), ...overrides });

/** What a previous run that died mid-job leaves: a private temp folder holding plaintext notes. */
async function plaintextLeftover(parent: string, purpose: string): Promise<string> {
  const dir = await createPrivateTempDir(parent, purpose);
  writeFileSync(join(dir, 'snapshot.db'), 'SQLite format 3\0 my diary, in plain text');
  return dir;
}

describe('createAppServices', () => {
  it('wipes what a previous run left behind before it opens anything, and keeps everything else', async () => {
    // The previous run had a backup folder configured.
    const previous = await SettingsStore.open(join(userData, SETTINGS_FILE), { platform: process.platform });
    await previous.setBackupFolder(backups);
    await previous.flush();
    const snapshot = await plaintextLeftover(temp, 'backup');
    const restoreCopy = await plaintextLeftover(userData, 'restore');
    // Two hours old: a crashed run's. A fresh partial may be a running `notevault backup`'s.
    const partial = join(backups, 'NoteVault-2026-03-01T09-00-00Z.nvbak.partial');
    writeFileSync(partial, 'half an encrypted backup');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(partial, twoHoursAgo, twoHoursAgo);
    const cliPartial = join(backups, 'NoteVault-2026-03-02T09-00-00Z.nvbak.partial');
    writeFileSync(cliPartial, 'a backup the command line is writing');
    const decoys = {
      [temp]: ['notevault-tmp-notes.txt', 'someone-elses.db'],
      [backups]: ['NoteVault-2026-02-01T09-00-00Z.nvbak', 'report.pdf.partial'],
    };
    for (const [folder, names] of Object.entries(decoys)) {
      for (const name of names) writeFileSync(join(folder, name), `decoy ${name}`);
    }

    services = await createAppServices(userData, seams());

    expect(existsSync(snapshot)).toBe(false);
    expect(existsSync(restoreCopy)).toBe(false);
    expect(existsSync(partial)).toBe(false);
    expect(readFileSync(cliPartial, 'utf8')).toBe('a backup the command line is writing');
    rmSync(cliPartial);
    for (const [folder, names] of Object.entries(decoys)) {
      expect(readdirSync(folder).sort()).toEqual([...names].sort());
      for (const name of names) expect(readFileSync(join(folder, name), 'utf8')).toBe(`decoy ${name}`);
    }
    expect(logged).toEqual([
      'Start-up clean-up of what an earlier run left behind: 2 temporary folders wiped; 1 partial backup or settings file removed; ' +
        '1 leftover left alone (too recent; maybe still in use).',
    ]);
    // The services started normally on top of the cleaned folders.
    expect(services.holder.repository().count()).toBe(0);
    expect(services.settings.get().backupFolder).toBe(backups);
  });

  it('logs nothing when there is nothing to clean up', async () => {
    services = await createAppServices(userData, seams());
    expect(logged).toEqual([]);
  });

  it('starts anyway when the sweep cannot clean a leftover, and says so in the log', async () => {
    // A "private temp folder" name that is a file: the sweep refuses to treat it as one.
    const odd = join(temp, 'notevault-tmp-backup-AbC123');
    writeFileSync(odd, 'not a folder');
    // The backup folder's drive is not connected: its folder is missing.
    const previous = await SettingsStore.open(join(userData, SETTINGS_FILE), { platform: process.platform });
    await previous.setBackupFolder(join(root, 'unplugged-drive', 'backups'));
    await previous.flush();

    services = await createAppServices(userData, seams());

    expect(readFileSync(odd, 'utf8')).toBe('not a folder');
    expect(logged).toEqual([
      'Start-up clean-up of what an earlier run left behind: 1 leftover left alone (not a plain file or folder).',
    ]);
    services.holder.repository().create({ title: 'Still works', body: '' });
    expect(services.holder.repository().count()).toBe(1);
  });

  // Folder permissions do not stop Windows or root from deleting.
  const permissionsBind = process.platform !== 'win32' && process.getuid?.() !== 0;
  it.skipIf(!permissionsBind)('starts anyway when a leftover cannot be wiped, logging why', async () => {
    const stuck = await plaintextLeftover(temp, 'backup');
    chmodSync(stuck, 0o500); // its files cannot be removed
    try {
      services = await createAppServices(userData, seams());
      expect(logged[0]).toMatch(
        /^Start-up clean-up of what an earlier run left behind: 1 leftover could not be cleaned up\.$/,
      );
      expect(logged[1]).toMatch(/^Start-up clean-up: /);
      expect(services.holder.repository().count()).toBe(0);
    } finally {
      chmodSync(stuck, 0o700);
    }
  });
});

import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudSyncProbe } from './cloud-sync-folder';
import { detectCloudSyncFolder } from './cloud-sync-folder';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

/** A fake home folder on disk with the given sub-folders. */
async function fakeHome(...folders: string[]): Promise<string> {
  const home = await temp.make();
  for (const folder of folders) await mkdir(join(home, folder), { recursive: true });
  return home;
}

function probe(platform: NodeJS.Platform, home: string, extra: Partial<CloudSyncProbe> = {}): CloudSyncProbe {
  return { platform, home, env: {}, attributes: null, ...extra };
}

/**
 * A Windows view of a real folder: "C:\Users\ann\x" is `<disk>/C/Users/ann/x`, so a Windows
 * probe lists real folders and reads a real info.json on this Linux machine.
 */
function windowsDisk(disk: string): FileSystem {
  const onDisk = (path: string) => join(disk, ...path.replace(':', '').split('\\'));
  return {
    ...nodeFileSystem,
    platform: 'win32',
    readdir: (path) => nodeFileSystem.readdir(onDisk(path)),
    open: (path, flags, mode) => nodeFileSystem.open(onDisk(path), flags, mode),
  };
}

describe('detectCloudSyncFolder on Linux', () => {
  it('knows ~/Dropbox (also "Dropbox (Team)"), ~/OneDrive and ~/Google Drive, and nothing else', async () => {
    const home = await fakeHome(
      'Dropbox/NoteVault',
      'Dropbox (Contoso)',
      'OneDrive',
      'Google Drive',
      'Documents',
    );
    const linux = probe('linux', home);
    expect(await detectCloudSyncFolder(join(home, 'Dropbox', 'NoteVault'), linux)).toBe('dropbox');
    expect(await detectCloudSyncFolder(join(home, 'Dropbox (Contoso)'), linux)).toBe('dropbox');
    expect(await detectCloudSyncFolder(join(home, 'OneDrive'), linux)).toBe('onedrive');
    expect(await detectCloudSyncFolder(join(home, 'Google Drive', 'x'), linux)).toBe('google-drive');
    expect(await detectCloudSyncFolder(join(home, 'Documents'), linux)).toBeNull();
    expect(await detectCloudSyncFolder(join(home, 'Dropboxes'), linux)).toBeNull();
    expect(await detectCloudSyncFolder(home, linux)).toBeNull();
    // Linux file systems tell case apart: ~/dropbox is not Dropbox's folder.
    expect(await detectCloudSyncFolder(join(home, 'dropbox', 'x'), linux)).toBeNull();
  });

  it("finds a moved Dropbox folder through ~/.dropbox/info.json, every account's", async () => {
    const home = await fakeHome('.dropbox');
    const elsewhere = await temp.make();
    const info = {
      personal: { path: join(elsewhere, 'Mine'), host: 1, is_team: false, subscription_type: 'Basic' },
      business: {
        path: join(elsewhere, 'Work Dropbox'),
        host: 2,
        is_team: true,
        subscription_type: 'Business',
      },
    };
    await writeFile(join(home, '.dropbox', 'info.json'), JSON.stringify(info));
    const linux = probe('linux', home);
    expect(await detectCloudSyncFolder(join(elsewhere, 'Mine', 'Backups'), linux)).toBe('dropbox');
    expect(await detectCloudSyncFolder(join(elsewhere, 'Work Dropbox'), linux)).toBe('dropbox');
    expect(await detectCloudSyncFolder(join(elsewhere, 'Other'), linux)).toBeNull();
  });

  it('ignores a damaged or oversized info.json instead of failing', async () => {
    const home = await fakeHome('.dropbox');
    await writeFile(join(home, '.dropbox', 'info.json'), '{"personal": {"path": ');
    expect(await detectCloudSyncFolder('/srv/Dropbox', probe('linux', home))).toBeNull();
    const huge = JSON.stringify({ personal: { path: '/srv/box' }, pad: 'x'.repeat(100_000) });
    await writeFile(join(home, '.dropbox', 'info.json'), huge);
    expect(await detectCloudSyncFolder('/srv/box', probe('linux', home))).toBeNull();
  });

  it('follows links: a folder reached through a link into Dropbox is Dropbox’s', async () => {
    const home = await fakeHome('Dropbox/nv');
    const outside = await temp.make();
    await symlink(join(home, 'Dropbox', 'nv'), join(outside, 'backups'));
    expect(await detectCloudSyncFolder(join(outside, 'backups'), probe('linux', home))).toBe('dropbox');
  });

  it('never fails on a home folder that cannot be read', async () => {
    expect(await detectCloudSyncFolder('/x', probe('linux', '/nonexistent/home'))).toBeNull();
  });
});

describe('detectCloudSyncFolder on macOS', () => {
  it('knows the File Provider folders, iCloud Drive and the older home folders, ignoring case', async () => {
    const home = await fakeHome(
      'Library/CloudStorage/OneDrive-Personal/Backups',
      'Library/CloudStorage/GoogleDrive-ann@example.com/My Drive',
      'Library/CloudStorage/Dropbox',
      'Library/CloudStorage/Box-Box',
      'Library/Mobile Documents/com~apple~CloudDocs/NoteVault',
      'Dropbox',
    );
    const mac = probe('darwin', home);
    const storage = join(home, 'Library', 'CloudStorage');
    expect(await detectCloudSyncFolder(join(storage, 'OneDrive-Personal', 'Backups'), mac)).toBe('onedrive');
    expect(await detectCloudSyncFolder(join(storage, 'GoogleDrive-ann@example.com', 'My Drive'), mac)).toBe(
      'google-drive',
    );
    expect(await detectCloudSyncFolder(join(storage, 'Dropbox', 'x'), mac)).toBe('dropbox');
    expect(await detectCloudSyncFolder(join(storage, 'Box-Box'), mac)).toBeNull();
    const cloudDocs = join(home, 'Library', 'Mobile Documents', 'com~apple~CloudDocs', 'NoteVault');
    expect(await detectCloudSyncFolder(cloudDocs, mac)).toBe('icloud-drive');
    expect(await detectCloudSyncFolder(join(home, 'Dropbox'), mac)).toBe('dropbox');
    // APFS ignores case by default, so a path typed in other case is the same folder.
    expect(await detectCloudSyncFolder(join(home, 'library', 'cloudstorage', 'onedrive-personal'), mac)).toBe(
      'onedrive',
    );
    expect(await detectCloudSyncFolder(join(home, 'Documents'), mac)).toBeNull();
  });
});

describe('detectCloudSyncFolder on Windows', () => {
  async function windowsHome(...folders: string[]) {
    const disk = await temp.make();
    for (const folder of folders)
      await mkdir(join(disk, ...folder.replace(':', '').split('\\')), { recursive: true });
    return { disk, fs: windowsDisk(disk) };
  }

  it("takes OneDrive's folders from %OneDrive%, %OneDriveConsumer%, %OneDriveCommercial%, ignoring case", async () => {
    const { fs } = await windowsHome('C:\\Users\\ann');
    const env = {
      OneDrive: 'D:\\Sync\\OneDrive',
      OneDriveCommercial: 'C:\\Users\\ann\\Contoso Cloud',
      OneDriveConsumer: 'E:\\Personal',
    };
    const windows = probe('win32', 'C:\\Users\\ann', { env, fs });
    expect(await detectCloudSyncFolder('d:\\sync\\onedrive\\NoteVault', windows)).toBe('onedrive');
    expect(await detectCloudSyncFolder('C:\\Users\\ann\\Contoso Cloud', windows)).toBe('onedrive');
    expect(await detectCloudSyncFolder('E:\\Personal\\Backups', windows)).toBe('onedrive');
    expect(await detectCloudSyncFolder('D:\\Sync\\Backups', windows)).toBeNull();
    expect(await detectCloudSyncFolder('D:\\Sync\\OneDriveOld', windows)).toBeNull();
  });

  it('knows the home folders by name, "OneDrive - Contoso" and iCloudDrive included', async () => {
    const { fs } = await windowsHome(
      'C:\\Users\\ann\\OneDrive - Contoso\\Backups',
      'C:\\Users\\ann\\iCloudDrive',
      'C:\\Users\\ann\\Documents',
    );
    const windows = probe('win32', 'C:\\Users\\ann', { fs });
    expect(await detectCloudSyncFolder('C:\\Users\\ann\\OneDrive - Contoso\\Backups', windows)).toBe(
      'onedrive',
    );
    expect(await detectCloudSyncFolder('C:\\Users\\ann\\iCloudDrive\\NoteVault', windows)).toBe(
      'icloud-drive',
    );
    expect(await detectCloudSyncFolder('C:\\Users\\ann\\Documents', windows)).toBeNull();
  });

  it("reads Dropbox's info.json from %APPDATA% and %LOCALAPPDATA%; the deepest folder wins", async () => {
    const { disk, fs } = await windowsHome(
      'C:\\Users\\ann\\AppData\\Roaming\\Dropbox',
      'C:\\Users\\ann\\AppData\\Local\\Dropbox',
    );
    const at = (path: string) => join(disk, ...path.replace(':', '').split('\\'));
    await writeFile(
      at('C:\\Users\\ann\\AppData\\Roaming\\Dropbox\\info.json'),
      JSON.stringify({ personal: { path: 'E:\\Boxes\\Dropbox (Personal)' } }),
    );
    await writeFile(
      at('C:\\Users\\ann\\AppData\\Local\\Dropbox\\info.json'),
      JSON.stringify({ business: { path: 'D:\\OneDrive\\Team box' } }),
    );
    const env = {
      APPDATA: 'C:\\Users\\ann\\AppData\\Roaming',
      LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
      OneDrive: 'D:\\OneDrive',
    };
    const windows = probe('win32', 'C:\\Users\\ann', { env, fs });
    expect(await detectCloudSyncFolder('E:\\Boxes\\Dropbox (Personal)\\NoteVault', windows)).toBe('dropbox');
    expect(await detectCloudSyncFolder('D:\\OneDrive\\Team box\\x', windows)).toBe('dropbox');
    expect(await detectCloudSyncFolder('D:\\OneDrive\\x', windows)).toBe('onedrive');
  });

  it('knows Google Drive for desktop’s own drive by its "My Drive" and "Shared drives" folders', async () => {
    const windows = probe('win32', 'C:\\Users\\ann', { fs: (await windowsHome('C:\\Users\\ann')).fs });
    expect(await detectCloudSyncFolder('G:\\My Drive\\Backups', windows)).toBe('google-drive');
    expect(await detectCloudSyncFolder('H:\\Shared drives\\Team', windows)).toBe('google-drive');
    expect(await detectCloudSyncFolder('G:\\Other\\My Drive', windows)).toBeNull();
  });

  it('compares real paths: a junction into OneDrive counts', async () => {
    const { fs } = await windowsHome('C:\\Users\\ann');
    const realpath = (path: string) =>
      Promise.resolve(
        path.toLowerCase().startsWith('c:\\backups')
          ? `D:\\OneDrive\\nv${path.slice('c:\\backups'.length)}`
          : path,
      );
    const windows = probe('win32', 'C:\\Users\\ann', { env: { OneDrive: 'D:\\OneDrive' }, fs, realpath });
    expect(await detectCloudSyncFolder('C:\\Backups', windows)).toBe('onedrive');
  });

  // Attribute values as PowerShell printed them for OneDrive Files On-Demand states
  // (tech.tristantyson.com/setonedrivefodstatespowershell: Cloud-Only 5248544, Always available
  // 525344, Locally Available "ReparsePoint"; learn.microsoft.com/onedrive/files-on-demand-windows
  // for the pinned/unpinned states).
  it.each([
    ['online-only (5248544: recall on data access, unpinned, offline)', 5248544, 'onedrive'],
    ['always available (525344: pinned)', 525344, 'onedrive'],
    ['locally available (ReparsePoint only, as a junction has)', 0x400, null],
    ['a plain folder (Directory)', 0x10, null],
  ])('reads the folder’s attributes: %s', async (_, value, kind) => {
    const asked: string[] = [];
    const attributes = (path: string) => {
      asked.push(path);
      return Promise.resolve(value);
    };
    const windows = probe('win32', 'C:\\Users\\ann', {
      fs: (await windowsHome('C:\\Users\\ann')).fs,
      attributes,
    });
    expect(await detectCloudSyncFolder('C:\\Users\\ann\\Contoso\\Site - Documents', windows)).toBe(kind);
    expect(asked).toEqual(['C:\\Users\\ann\\Contoso\\Site - Documents']);
  });

  it('names a placeholder folder after the Dropbox or iCloud folder above it', async () => {
    const windows = probe('win32', 'C:\\Users\\ann', {
      fs: (await windowsHome('C:\\Users\\ann')).fs,
      attributes: () => Promise.resolve(525344),
    });
    expect(await detectCloudSyncFolder('F:\\Dropbox (Contoso)\\nv', windows)).toBe('dropbox');
    expect(await detectCloudSyncFolder('F:\\iCloudDrive\\nv', windows)).toBe('icloud-drive');
  });

  it('treats attributes it cannot read as unknown, and asks nothing about a known folder', async () => {
    const { fs } = await windowsHome('C:\\Users\\ann\\OneDrive');
    let asked = 0;
    const failing = () => {
      asked++;
      return Promise.reject(new Error('PowerShell is blocked here'));
    };
    const windows = probe('win32', 'C:\\Users\\ann', { fs, attributes: failing });
    expect(await detectCloudSyncFolder('D:\\Data', windows)).toBeNull();
    expect(asked).toBe(1);
    expect(await detectCloudSyncFolder('C:\\Users\\ann\\OneDrive\\nv', windows)).toBe('onedrive');
    expect(asked).toBe(1);
  });
});

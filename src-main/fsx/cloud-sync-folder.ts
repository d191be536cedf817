/**
 * Is a folder inside a cloud-sync client's tree (OneDrive, Dropbox, Google Drive, iCloud Drive)?
 * A backup written straight into such a folder meets the client while it is half written: the
 * client opens the new file at once (a Windows lock, EBUSY/EPERM), may upload a torn file, or
 * makes "conflicted copy" files. So for these folders NoteVault writes in local staging and
 * copies the finished file in with one rename (copy-into-folder.ts).
 *
 * How a folder is recognised:
 * 1. Known locations, per platform: where each client puts its folder by default, the paths it
 *    announces (Windows' %OneDrive%, %OneDriveConsumer%, %OneDriveCommercial%; Dropbox's
 *    info.json, which lists every account's folder even when moved), and on macOS the File
 *    Provider folders under ~/Library/CloudStorage and iCloud's ~/Library/Mobile Documents.
 *    Paths are compared after realpath (a folder reached through a link or junction counts),
 *    and without regard to case on Windows and macOS, whose file systems ignore it by default.
 * 2. On Windows, the folder's own attributes (windows-attributes.ts): pinned, unpinned, offline
 *    or recall-on-access mark a Cloud Files placeholder. Such a folder outside the Dropbox and
 *    iCloud locations is taken as OneDrive's: OneDrive also syncs SharePoint libraries into
 *    folders named after the organisation, which no list of locations catches.
 * Not recognised: a OneDrive or SharePoint folder moved elsewhere that is "locally available"
 * (no attribute bit), macOS Desktop and Documents synced by iCloud, and other clients. Detection
 * never fails: anything it cannot read counts as "not found".
 */
import { realpath as nodeRealpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { readFileCapped } from './read-capped';
import { cachedAttributes, hasCloudFileAttributes, powerShellAttributes } from './windows-attributes';

export type CloudSyncKind = 'onedrive' | 'dropbox' | 'google-drive' | 'icloud-drive';

export interface CloudSyncProbe {
  platform: NodeJS.Platform;
  /** The user's home folder. */
  home: string;
  env: Record<string, string | undefined>;
  /** Lists home folders and reads Dropbox's info.json. */
  fs?: FileSystem;
  realpath?: (path: string) => Promise<string>;
  /**
   * Windows attributes of a path, or null when unknown. Default: PowerShell (answers kept for
   * ATTRIBUTES_CACHE_MS) when both the probe and this process are on Windows; elsewhere none.
   * Pass null to skip attributes.
   */
  attributes?: ((path: string) => Promise<number | null>) | null;
}

interface KnownRoot {
  path: string;
  kind: CloudSyncKind;
}

// Dropbox's info.json is a few hundred bytes; the cap keeps a planted huge file out of memory.
const INFO_JSON_MAX_BYTES = 64 * 1024;

/** Names a client gives its folder in the home folder (or in a File Provider location). */
const NAMED_FOLDERS: readonly [RegExp, CloudSyncKind][] = [
  [/^OneDrive( - .+)?$/i, 'onedrive'],
  [/^Dropbox( \(.+\))?$/i, 'dropbox'],
  [/^(Google Drive|My Drive)$/i, 'google-drive'],
  [/^(iCloudDrive|iCloud Drive)$/i, 'icloud-drive'],
];

/** ~/Library/CloudStorage entries on macOS: "OneDrive-Personal", "Dropbox", "GoogleDrive-ann@example.com". */
const CLOUD_STORAGE_ENTRIES: readonly [RegExp, CloudSyncKind][] = [
  [/^OneDrive(-.*)?$/i, 'onedrive'],
  [/^Dropbox(-.*)?$/i, 'dropbox'],
  [/^GoogleDrive(-.*)?$/i, 'google-drive'],
];

let defaultAttributes: ((path: string) => Promise<number | null>) | undefined;

/** This computer's probe: its platform, home folder and environment. */
export function cloudSyncProbeForThisComputer(): CloudSyncProbe {
  return { platform: process.platform, home: homedir(), env: process.env };
}

function pathsFor(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

function ignoresCase(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

async function listFolder(fs: FileSystem, folder: string): Promise<string[]> {
  try {
    return await fs.readdir(folder);
  } catch {
    return [];
  }
}

/** Every account folder Dropbox's info.json names ({"personal": {"path": ...}, "business": {...}}). */
async function dropboxInfoFolders(fs: FileSystem, file: string): Promise<string[]> {
  try {
    const bytes = await readFileCapped(file, INFO_JSON_MAX_BYTES, 'read', () => new Error('too large'), {
      fs,
      retry: { budgetMs: 0 },
    });
    if (bytes === null) return [];
    const info: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (typeof info !== 'object' || info === null) return [];
    return Object.values(info).flatMap((account: unknown) => {
      const path =
        typeof account === 'object' && account !== null ? (account as { path?: unknown }).path : undefined;
      return typeof path === 'string' && path !== '' ? [path] : [];
    });
  } catch {
    return [];
  }
}

function matchName(name: string, table: readonly [RegExp, CloudSyncKind][]): CloudSyncKind | undefined {
  return table.find(([pattern]) => pattern.test(name))?.[1];
}

async function knownRoots(probe: CloudSyncProbe, fs: FileSystem): Promise<KnownRoot[]> {
  const p = pathsFor(probe.platform);
  const { home, env } = probe;
  const roots: KnownRoot[] = [];
  const add = (path: string | undefined, kind: CloudSyncKind) => {
    if (path !== undefined && path !== '' && p.isAbsolute(path)) roots.push({ path, kind });
  };

  for (const name of await listFolder(fs, home)) {
    const kind = matchName(name, NAMED_FOLDERS);
    if (kind !== undefined) add(p.join(home, name), kind);
  }
  if (probe.platform === 'win32') {
    add(env.OneDrive, 'onedrive');
    add(env.OneDriveConsumer, 'onedrive');
    add(env.OneDriveCommercial, 'onedrive');
    for (const base of [env.APPDATA, env.LOCALAPPDATA]) {
      if (base === undefined || base === '' || !p.isAbsolute(base)) continue;
      for (const folder of await dropboxInfoFolders(fs, p.join(base, 'Dropbox', 'info.json'))) {
        add(folder, 'dropbox');
      }
    }
  } else {
    for (const folder of await dropboxInfoFolders(fs, p.join(home, '.dropbox', 'info.json'))) {
      add(folder, 'dropbox');
    }
  }
  if (probe.platform === 'darwin') {
    const cloudStorage = p.join(home, 'Library', 'CloudStorage');
    for (const name of await listFolder(fs, cloudStorage)) {
      const kind = matchName(name, CLOUD_STORAGE_ENTRIES);
      if (kind !== undefined) add(p.join(cloudStorage, name), kind);
    }
    // com~apple~CloudDocs is iCloud Drive itself; the other containers there sync as well.
    add(p.join(home, 'Library', 'Mobile Documents'), 'icloud-drive');
    add('/Volumes/GoogleDrive', 'google-drive');
  }
  return roots;
}

/** Inside `root` or the root itself, compared the way the platform's file system compares names. */
function isInside(folder: string, root: string, platform: NodeJS.Platform): boolean {
  const p = pathsFor(platform);
  const fold = (path: string) => (ignoresCase(platform) ? path.toLowerCase() : path);
  const rel = p.relative(fold(p.resolve(root)), fold(p.resolve(folder)));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel));
}

/** Google Drive for desktop on Windows: a drive of its own whose top folders are "My Drive" and "Shared drives". */
function isGoogleDriveLetterPath(folder: string): boolean {
  return /^[A-Za-z]:\\(My Drive|Shared drives)(\\|$)/i.test(win32.resolve(folder));
}

async function resolved(path: string, realpath: (path: string) => Promise<string>): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/** The kind a Cloud Files folder belongs to, from the names of its ancestors; OneDrive by default. */
function kindFromAncestors(folder: string): CloudSyncKind {
  for (const name of win32.resolve(folder).split('\\')) {
    const kind = matchName(name, NAMED_FOLDERS);
    if (kind === 'dropbox' || kind === 'icloud-drive') return kind;
  }
  return 'onedrive';
}

/** Which cloud-sync client's tree `folder` is in, or null (see the module comment). */
export async function detectCloudSyncFolder(
  folder: string,
  probe: CloudSyncProbe,
): Promise<CloudSyncKind | null> {
  const fs = probe.fs ?? nodeFileSystem;
  const realpath = probe.realpath ?? nodeRealpath;
  const { platform } = probe;
  const candidates = [folder, await resolved(folder, realpath)];
  let best: { kind: CloudSyncKind; depth: number } | undefined;
  for (const root of await knownRoots(probe, fs)) {
    for (const rootPath of new Set([root.path, await resolved(root.path, realpath)])) {
      if (!candidates.some((candidate) => isInside(candidate, rootPath, platform))) continue;
      // The deepest root wins: a Dropbox folder kept inside OneDrive's is Dropbox's.
      const depth = pathsFor(platform).resolve(rootPath).length;
      if (best === undefined || depth > best.depth) best = { kind: root.kind, depth };
    }
  }
  if (best !== undefined) return best.kind;
  if (platform !== 'win32') return null;
  if (candidates.some(isGoogleDriveLetterPath)) return 'google-drive';

  let attributes = probe.attributes;
  if (attributes === undefined && process.platform === 'win32') {
    attributes = defaultAttributes ??= cachedAttributes(powerShellAttributes());
  }
  if (attributes === undefined || attributes === null) return null;
  const value = await attributes(folder).catch(() => null);
  return value !== null && hasCloudFileAttributes(value) ? kindFromAncestors(folder) : null;
}

/**
 * The per-user folder that holds NoteVault's private temp folders (issue #13). A shared temp
 * folder (/tmp) lets any local user plant entries named like ours; a root only the current user
 * can enter means nobody else can plant, swap or read anything below it.
 *
 * - the app: `<user data>/tmp` (appTempRoot)
 * - the CLI: `$XDG_CACHE_HOME/notevault/tmp` (default `~/.cache`) on Linux,
 *   `~/Library/Caches/notevault/tmp` on macOS, `%LOCALAPPDATA%\NoteVault\tmp` on Windows
 *
 * Checked on every use (ensurePrivateTempRoot): a real folder (not a link), owned by the current
 * user, mode 0700 (POSIX). One that fails is refused, not repaired: someone else made or changed
 * it, and putting it right would mean deleting what they left there, through links we must not
 * follow. The message names the folder so the user can remove it; NoteVault then makes it afresh.
 * On Windows the root's privacy comes from %LOCALAPPDATA%'s ACL (user, SYSTEM, administrators).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { underlyingCode } from './fs-errors';
import { nodeFileSystem } from './fs-seam';
import { currentUid } from './no-follow';
import type { FileLayerOptions } from './retry';
import { retryingFs } from './retry';

/** The app's root, inside its user-data folder. */
export function appTempRoot(userDataDir: string): string {
  return join(userDataDir, 'tmp');
}

/** The CLI's root: a per-user cache folder, never the shared temp folder. */
export function cliTempRoot(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), 'NoteVault', 'tmp');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'notevault', 'tmp');
  // The cache folder, not $XDG_RUNTIME_DIR: that is a small tmpfs (often a tenth of memory),
  // too small for the snapshot of a database past the in-memory limit. The folder must be
  // absolute (XDG base directory spec); a relative one is ignored.
  const cache = env['XDG_CACHE_HOME'];
  const base = cache !== undefined && cache.startsWith('/') ? cache : join(home, '.cache');
  return join(base, 'notevault', 'tmp');
}

function refused(root: string, why: string): NoteVaultError {
  return new NoteVaultError(
    'IO',
    `NoteVault will not use its temporary folder "${root}" because ${why}. Delete that folder and try again.`,
  );
}

/** Creates `root` (mode 0700) if missing, then checks it; resolves with `root`. */
export async function ensurePrivateTempRoot(root: string, options: FileLayerOptions = {}): Promise<string> {
  const fs = options.fs ?? nodeFileSystem;
  const io = retryingFs(fs, options.retry);
  try {
    await io.mkdir(root, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A link or file in its place: the check below explains it.
    if (underlyingCode(error) !== 'EEXIST') throw error;
  }
  const info = await io.lstat(root);
  if (info.isSymbolicLink()) throw refused(root, 'it is a link to another place');
  if (!info.isDirectory()) throw refused(root, 'it is not a folder');
  const uid = currentUid(fs.platform);
  if (uid !== undefined) {
    if (info.uid !== uid) throw refused(root, `it belongs to another user (uid ${info.uid})`);
    const mode = info.mode & 0o777;
    if (mode !== 0o700) {
      throw refused(root, `other users may reach it (mode ${mode.toString(8)}, expected 700)`);
    }
  }
  return root;
}

/**
 * The rule for any folder a private temp folder is made in (createPrivateTempDir), the root above
 * or a caller's own: owned by the current user or root, and writable by no one else unless sticky
 * (like /tmp, where only an entry's owner may rename or delete it). Otherwise another user could
 * move our new folder aside and put theirs in its place before we write plaintext into it.
 * Windows: ACLs decide, which this does not read; the parent there is under %LOCALAPPDATA%.
 */
export async function assertSafeTempParent(parent: string, options: FileLayerOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  const uid = currentUid(fs.platform);
  if (uid === undefined) return;
  // stat, not lstat: a parent reached through a link (macOS's /tmp) is judged by what it is.
  const info = await retryingFs(fs, options.retry).stat(parent);
  const why =
    info.uid !== uid && info.uid !== 0
      ? `it belongs to another user (uid ${info.uid})`
      : (info.mode & 0o022) !== 0 && (info.mode & 0o1000) === 0
        ? `other users may change it (mode ${(info.mode & 0o777).toString(8)})`
        : undefined;
  if (why !== undefined) {
    throw new NoteVaultError(
      'IO',
      `NoteVault will not put temporary files in "${parent}" because ${why}. Use a folder only you can change.`,
    );
  }
}

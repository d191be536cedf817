/**
 * Private temporary folders and the names that mark files as NoteVault's own.
 *
 * Plaintext snapshots of the database (VACUUM INTO before encryption) live only in a private temp
 * folder, so the start-up sweep can find what a crash left behind and wipe it. The sweep must never
 * touch anything else, so every leftover we can create has a name no other program would choose:
 *
 * - private temp folder:       `notevault-tmp-<purpose>-<owner>-<6 letters/digits from mkdtemp>`, where
 *                              `<owner>` names the creating process and thread (private-temp-owner.ts);
 *                              versions before it wrote no `<owner>`, and the sweep still knows those
 * - secureWipe's last name:    `notevault-wipe-<32 hex>` (the file is already overwritten by then)
 * - partial files:             writeFileAtomic's and publishFile's (backups), each naming its owner
 *                              like a temp folder: see partial-names.ts.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { nodeFileSystem } from './fs-seam';
import { assertSafeTempParent } from './private-temp-root';
import { clashesWithOwnerTag, currentOwner, ownerTag } from './private-temp-owner';
import type { FileLayerOptions } from './retry';
import { retryingFs } from './retry';

export const TEMP_MARKER = {
  privateDirPrefix: 'notevault-tmp-',
  wipePrefix: 'notevault-wipe-',
} as const;

const PURPOSE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// mkdtemp replaces its six trailing placeholder characters with letters and digits, both in glibc/macOS libc and in libuv on Windows.
// The owner part ("pid1234-st5678-th0") fits the purpose's pattern, so this matches names with and without one.
const PRIVATE_DIR_NAME = /^notevault-tmp-[a-z0-9]+(?:-[a-z0-9]+)*-[A-Za-z0-9]{6}$/;
const WIPE_NAME = /^notevault-wipe-[0-9a-f]{32}$/;

export function isPrivateTempDirName(name: string): boolean {
  return PRIVATE_DIR_NAME.test(name);
}

export function isWipeLeftoverName(name: string): boolean {
  return WIPE_NAME.test(name);
}

/** The random name secureWipe gives a file after overwriting it, in the same folder. */
export function wipeLeftoverName(): string {
  return `${TEMP_MARKER.wipePrefix}${randomBytes(16).toString('hex')}`;
}

/**
 * Creates `<parent>/notevault-tmp-<purpose>-<owner>-<6 random characters>` readable only by the current user and
 * returns its path. `purpose` is a short label such as 'backup' (lowercase letters, digits, single hyphens).
 * `<owner>` records this process and thread, so a start-up sweep in another NoteVault process leaves the folder
 * alone while its owner runs, and wipes it as soon as the owner has gone (private-temp-owner.ts).
 *
 * The parent must be one no other user can change (assertSafeTempParent: owned by this user or
 * root, and not writable by others unless sticky like /tmp), checked on every call: in a parent
 * another user controls they could swap the new folder for theirs before plaintext goes in.
 *
 * On POSIX mkdtemp already creates the folder with mode 0700 (the umask can only narrow it); we check
 * and tighten it anyway because a file system that ignores modes at creation is not unheard of. On
 * Windows modes mean nothing: privacy comes from the parent, which should be the per-user temp folder
 * (%LOCALAPPDATA%\Temp, whose ACL admits only the user, SYSTEM and administrators).
 */
export async function createPrivateTempDir(
  parent: string,
  purpose: string,
  options: FileLayerOptions = {},
): Promise<string> {
  if (!PURPOSE.test(purpose) || purpose.length > 32 || clashesWithOwnerTag(purpose)) {
    throw new NoteVaultError(
      'VALIDATION',
      `The temporary folder label "${purpose}" must be 1-32 lowercase letters, digits and single hyphens (e.g. "backup"), ` +
        'and no part of it may start with "pid", which marks the owner in the folder name.',
    );
  }
  const fs = options.fs ?? nodeFileSystem;
  const io = retryingFs(fs, options.retry);
  await io.mkdir(parent, { recursive: true, mode: 0o700 });
  await assertSafeTempParent(parent, { fs, retry: options.retry });
  const dir = await io.mkdtemp(
    join(parent, `${TEMP_MARKER.privateDirPrefix}${purpose}-${ownerTag(currentOwner())}-`),
  );
  if (fs.platform !== 'win32') {
    const mode = (await io.stat(dir)).mode & 0o777;
    if (mode !== 0o700) await io.chmod(dir, 0o700);
  }
  return dir;
}

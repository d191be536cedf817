/**
 * Opening what a sweep or wipe found without following links, and confirming that what was
 * opened is what was looked at (issue #13: a leftover planted in a shared temp folder, with a
 * subfolder swapped for a link between the check and the use, must not steer a wipe elsewhere).
 *
 * - O_NOFOLLOW refuses a link in the last part of the path (ELOOP), where the platform has it.
 * - The dev/ino of the opened handle (fstat) must equal the lstat taken before: a file swapped
 *   for another between the look and the open is noticed before a byte is written.
 * - Below an opened folder, Linux reaches entries through /proc/self/fd/<fd>/<name>: the kernel
 *   resolves that from the open folder itself, as openat() would (Node has no openat), so
 *   swapping a parent folder for a link after it was opened changes nothing. Elsewhere the path
 *   is used and the folder's identity is re-checked before each step, which narrows the window;
 *   what closes it there is that the sweep only enters folders the current user owns (sweep.ts),
 *   inside a 0700 root nobody else can write to (private-temp-root.ts).
 *
 * Windows has no O_NOFOLLOW (fs.constants lacks it) and creating links needs a privilege there;
 * the string flags are used and the dev/ino comparison still applies.
 */
import { constants, existsSync } from 'node:fs';
import type { Stats } from 'node:fs';
import type { FileHandle } from './fs-seam';

/** Open flags for an existing file to overwrite, or a folder to list, never through a final link. */
export function noFollowFlags(platform: NodeJS.Platform, what: 'file' | 'folder'): string | number {
  const { O_NOFOLLOW, O_DIRECTORY, O_RDWR, O_RDONLY } = constants;
  if (platform === 'win32' || O_NOFOLLOW === undefined) return what === 'file' ? 'r+' : 'r';
  return what === 'file' ? O_RDWR | O_NOFOLLOW : O_RDONLY | O_DIRECTORY | O_NOFOLLOW;
}

/** True when two stats describe the same file-system entry. */
export function sameEntry(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

let procFd: boolean | undefined;

/**
 * The path through which entries inside the opened folder `handle` are reached: the folder
 * itself (/proc/self/fd/<fd>) where Linux offers it, else `path`.
 */
export function anchorOf(handle: FileHandle, path: string, platform: NodeJS.Platform): string {
  procFd ??= process.platform === 'linux' && existsSync('/proc/self/fd');
  return platform === 'linux' && procFd ? `/proc/self/fd/${handle.fd}` : path;
}

/** The current user's id where entries have owners (POSIX); undefined on Windows. */
export function currentUid(platform: NodeJS.Platform): number | undefined {
  return platform === 'win32' ? undefined : process.getuid?.();
}

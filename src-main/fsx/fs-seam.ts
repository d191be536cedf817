/**
 * The file-system seam of NoteVault's file layer.
 *
 * Every function in `src-main/fsx` reaches the disk only through a `FileSystem`, so tests can inject the
 * errors Windows raises for locked files (EBUSY/EPERM/EACCES with `code` set the way Node sets it)
 * without a Windows machine, and a later test tier can run this exact code under a Windows `node.exe`
 * in Wine against a process that holds files open the way SQLite does. That is why this folder imports
 * only `node:` built-ins and `src-shared/errors`: no Electron, no better-sqlite3, no bundler features.
 *
 * What Windows does while another process holds a file open as SQLite does (`CreateFileW` with
 * FILE_SHARE_READ | FILE_SHARE_WRITE but no FILE_SHARE_DELETE), verified under Wine with Node 20/22:
 *
 * | operation                         | held as SQLite does | held + share-delete | held exclusively |
 * |-----------------------------------|---------------------|---------------------|------------------|
 * | rename(new -> target) (replace)   | EPERM               | EPERM               | EPERM            |
 * | rename(target -> elsewhere)       | EBUSY               | ok                  | EBUSY            |
 * | unlink(target) / rm               | EBUSY               | ok (name stays)     | EBUSY            |
 * | copyFile(new -> target)           | ok                  | ok                  | EBUSY            |
 * | open for writing                  | ok                  | ok                  | EBUSY            |
 *
 * All of them succeed once the holder closes its handle, so they are transient and worth retrying
 * (see retry.ts). libuv maps ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION to EBUSY and
 * ERROR_ACCESS_DENIED to EPERM on its v1.x branch (EACCES on its master branch), and real Windows
 * answers EPERM or EACCES in places where Wine says EBUSY, so all three count as "locked".
 *
 * Members are function-valued properties rather than methods so that an injected implementation can
 * be built with a spread (`{ ...nodeFileSystem, rename: failingRename }`).
 */
import type { Stats, StatsFs } from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export type { FileHandle };

export interface FileSystem {
  /**
   * The operating system this file system behaves like. It decides which error codes mean "locked"
   * and whether directories can be fsynced; tests set it to 'win32' to exercise the Windows paths.
   */
  readonly platform: NodeJS.Platform;
  rename: (from: string, to: string) => Promise<void>;
  unlink: (path: string) => Promise<void>;
  /** Hard link; used for a publish that must never replace an existing file. */
  link: (existingPath: string, newPath: string) => Promise<void>;
  copyFile: (from: string, to: string, mode?: number) => Promise<void>;
  /** `flags` as a string ('r+') or as fs.constants bits (O_RDWR | O_NOFOLLOW). */
  open: (path: string, flags: string | number, mode?: number) => Promise<FileHandle>;
  stat: (path: string) => Promise<Stats>;
  /** Like stat but describes a symbolic link itself, so sweeping and wiping never follow one. */
  lstat: (path: string) => Promise<Stats>;
  mkdir: (path: string, options?: { recursive?: boolean; mode?: number }) => Promise<string | undefined>;
  mkdtemp: (prefix: string) => Promise<string>;
  chmod: (path: string, mode: number) => Promise<void>;
  /** Entry names of a folder (not full paths). */
  readdir: (path: string) => Promise<string[]>;
  rmdir: (path: string) => Promise<void>;
  rm: (path: string, options?: { recursive?: boolean; force?: boolean }) => Promise<void>;
  statfs: (path: string) => Promise<StatsFs>;
}

/** The real file system (node:fs/promises) of the running process. */
export const nodeFileSystem: FileSystem = {
  platform: process.platform,
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  link: (existingPath, newPath) => fsp.link(existingPath, newPath),
  copyFile: (from, to, mode) => fsp.copyFile(from, to, mode),
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  stat: (path) => fsp.stat(path),
  lstat: (path) => fsp.lstat(path),
  mkdir: (path, options) => fsp.mkdir(path, options),
  mkdtemp: (prefix) => fsp.mkdtemp(prefix),
  chmod: (path, mode) => fsp.chmod(path, mode),
  readdir: (path) => fsp.readdir(path),
  rmdir: (path) => fsp.rmdir(path),
  rm: (path, options) => fsp.rm(path, options),
  statfs: (path) => fsp.statfs(path),
};

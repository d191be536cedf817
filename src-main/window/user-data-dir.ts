import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { PRIVATE_DIR_MODE } from '../fsx/private-modes';
import { requireTrustedPath } from '../fsx/trusted-path';

/** The command-line switch, as Chromium spells its own: `--user-data-dir=<folder>`. */
export const USER_DATA_DIR_SWITCH = '--user-data-dir=';
/** The environment variable the end-to-end tests set (and anyone running a second, separate profile). */
export const USER_DATA_ENV = 'NOTEVAULT_USER_DATA';

/**
 * Where NoteVault should keep its data instead of the per-user default, or undefined for the
 * default. The argument wins over the environment variable, so a launcher can override an
 * inherited environment. Relative folders are taken from the current directory (what the
 * person typed in their own shell, as the CLI's path options); the result must then pass the
 * one path rule (trusted-path.ts): no UNC or device path, no NUL. `platform`: for the tests.
 */
export function userDataOverride(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  platform: string = process.platform,
): string | undefined {
  // The last occurrence wins, as it does for Chromium's own switches.
  const fromArgs = argv.filter((arg) => arg.startsWith(USER_DATA_DIR_SWITCH)).at(-1);
  if (fromArgs !== undefined)
    return checked(fromArgs.slice(USER_DATA_DIR_SWITCH.length), USER_DATA_DIR_SWITCH, platform);
  const fromEnv = env[USER_DATA_ENV];
  return fromEnv === undefined ? undefined : checked(fromEnv, `${USER_DATA_ENV}=`, platform);
}

function checked(folder: string, source: string, platform: string): string {
  if (folder.trim() === '') {
    throw new NoteVaultError(
      'VALIDATION',
      `${source} names no folder. Give the folder NoteVault should keep its data in, e.g. ${source}/path/to/folder, or leave it out to use the usual place.`,
    );
  }
  const absolute = (platform === 'win32' ? path.win32 : path.posix).resolve(folder);
  return requireTrustedPath(absolute, `the data folder given by ${source}`, platform);
}

/** The part of Electron's `app` this needs; a seam so the tests need no Electron. */
export interface UserDataPaths {
  setPath(name: 'userData', path: string): void;
}

/**
 * Applies the override. Must run before anything reads userData and before
 * requestSingleInstanceLock: Electron keys the single-instance lock on this folder, so two
 * profiles (or a test run next to the real app) do not block each other. Electron throws
 * for a folder that does not exist, so it is created first.
 */
export function applyUserDataOverride(
  app: UserDataPaths,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const folder = userDataOverride(argv, env);
  if (folder === undefined) return undefined;
  try {
    // Private like everything NoteVault creates (fsx/private-modes.ts); an existing one is made so at start.
    mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    throw new NoteVaultError(
      'IO',
      `NoteVault could not create its data folder "${folder}". Check that the path is right and that you may write there.`,
      { cause: error },
    );
  }
  app.setPath('userData', folder);
  return folder;
}

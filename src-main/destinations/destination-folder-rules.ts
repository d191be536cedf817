/**
 * Which folder may become an extra backup destination. The one place that rule lives: the
 * settings service asks here before it stores a folder the folder dialog returned.
 *
 * Why each refusal:
 * - more than MAX_DESTINATIONS: each destination is copied to and cleaned up after every backup;
 *   the limit keeps a run's time and the settings file bounded.
 * - the same folder as, a folder inside, or a folder around another destination: two destinations
 *   would then share files, and each one's retention (its own keep-last and cap) would delete what
 *   the other keeps, leaving the catalogue's records pointing at files that are gone; a "second
 *   copy" in the same folder is no second copy at all. The same rule holds for the backup folder
 *   when it is chosen again (checkBackupFolder), and for a settings file that already breaks it
 *   (dropOverlappingDestinations, at start).
 * - inside NoteVault's own data folder: that folder holds the notes themselves, so a copy
 *   there dies with them, and its private temp and staging folders are swept at start.
 * Paths are compared after resolving links (realpath) where the folder exists, and without case
 * on Windows and macOS, whose usual file systems ignore it.
 */
import { randomBytes } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { MAX_DESTINATIONS } from '../../src-shared/settings';
import type { BackupDestination, ExtraDestination, Settings } from '../../src-shared/settings';
import { requireTrustedPath } from '../fsx/trusted-path';

export interface DestinationFolderContext {
  /** Every destination already in Settings, the backup folder first (backupDestinations()). */
  existing: readonly BackupDestination[];
  /** NoteVault's data folder (userData): never a destination, nor anything inside it. */
  userDataDir: string;
  platform?: NodeJS.Platform;
}

/** The folder as it will be stored, or a VALIDATION error saying why it cannot be a destination. */
export async function checkNewDestinationFolder(
  candidate: string,
  context: DestinationFolderContext,
): Promise<string> {
  const platform = context.platform ?? process.platform;
  requireTrustedPath(candidate, 'that folder as a backup destination', platform);
  if (context.existing.length === 0) {
    throw new NoteVaultError(
      'VALIDATION',
      'Choose a backup folder first; more destinations are added after it.',
    );
  }
  if (context.existing.length >= MAX_DESTINATIONS) {
    throw new NoteVaultError(
      'VALIDATION',
      `NoteVault copies backups to at most ${MAX_DESTINATIONS} folders; remove one before adding another.`,
    );
  }
  const chosen = await comparable(candidate, platform);
  const shared = await firstOverlapping(chosen, context.existing, platform);
  if (shared !== undefined) {
    throw new NoteVaultError(
      'VALIDATION',
      `That folder is already a backup destination, or inside or around one ("${shared.folder}"); choose a separate folder, for example on another drive.`,
    );
  }
  const userData = await comparable(context.userDataDir, platform);
  if (chosen === userData || isInside(userData, chosen, platform)) {
    throw new NoteVaultError(
      'VALIDATION',
      "That folder is inside NoteVault's own data folder, where a copy would be lost with the notes; choose another folder.",
    );
  }
  return candidate;
}

/**
 * The backup folder the folder dialog returned, checked against the extra destinations (the
 * folder it replaces does not count): returned as it will be stored, or a VALIDATION error.
 */
export async function checkBackupFolder(
  candidate: string,
  context: { extras: readonly ExtraDestination[]; platform?: NodeJS.Platform },
): Promise<string> {
  const platform = context.platform ?? process.platform;
  const shared = await firstOverlapping(await comparable(candidate, platform), context.extras, platform);
  if (shared !== undefined) {
    throw new NoteVaultError(
      'VALIDATION',
      `That folder is one of the other backup destinations, or inside or around one ("${shared.folder}"); choose a separate folder, or remove that destination in Settings first.`,
    );
  }
  return candidate;
}

/**
 * At start: a settings file written before this rule (or edited by hand) may hold an extra
 * destination sharing files with the backup folder or an earlier extra; it is dropped from
 * Settings (its files stay) with a log line, so two retentions never delete from one folder.
 */
export async function dropOverlappingDestinations(
  store: {
    get(): Readonly<Settings>;
    setExtraDestinations(extras: readonly ExtraDestination[]): Promise<unknown>;
  },
  log: (message: string) => void,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  const settings = store.get();
  const extras = settings.extraDestinations ?? [];
  if (extras.length === 0) return;
  const kept: ExtraDestination[] = [];
  const seen: { folder: string }[] =
    settings.backupFolder === null ? [] : [{ folder: settings.backupFolder }];
  for (const extra of extras) {
    const shared = await firstOverlapping(await comparable(extra.folder, platform), seen, platform);
    if (shared === undefined) {
      kept.push(extra);
      seen.push(extra);
    } else {
      log(
        `The backup destination "${extra.folder}" shares files with "${shared.folder}"; NoteVault no longer copies backups to it (its files were left in place).`,
      );
    }
  }
  if (kept.length < extras.length) await store.setExtraDestinations(kept);
}

/** A new extra destination's id: "d" and 8 hex digits, never one already in use. */
export function newDestinationId(existing: readonly BackupDestination[]): string {
  for (;;) {
    const id = `d${randomBytes(4).toString('hex')}`;
    if (!existing.some((destination) => destination.id === id)) return id;
  }
}

/**
 * The folder with links resolved as far as it exists: a folder not made yet (the dialog can
 * create one later) or on an unplugged drive is resolved through its deepest existing parent,
 * so a link to the backup folder is caught even with a new folder below it.
 */
async function comparable(folder: string, platform: NodeJS.Platform): Promise<string> {
  const api = platform === 'win32' ? path.win32 : path.posix;
  const resolved = api.resolve(folder);
  let existing = resolved;
  const rest: string[] = [];
  for (;;) {
    try {
      existing = api.join(await realpath(existing), ...rest);
      break;
    } catch {
      const parent = api.dirname(existing);
      if (parent === existing) {
        existing = resolved;
        break;
      }
      rest.unshift(api.basename(existing));
      existing = parent;
    }
  }
  return platform === 'win32' || platform === 'darwin' ? existing.toLowerCase() : existing;
}

/** The first of `others` that is `chosen` (comparable()), or inside or around it. */
async function firstOverlapping<T extends { folder: string }>(
  chosen: string,
  others: readonly T[],
  platform: NodeJS.Platform,
): Promise<T | undefined> {
  for (const other of others) {
    const folder = await comparable(other.folder, platform);
    if (chosen === folder || isInside(folder, chosen, platform) || isInside(chosen, folder, platform)) {
      return other;
    }
  }
  return undefined;
}

function isInside(parent: string, child: string, platform: NodeJS.Platform): boolean {
  const api = platform === 'win32' ? path.win32 : path.posix;
  const rest = api.relative(parent, child);
  return rest !== '' && !rest.startsWith('..') && !api.isAbsolute(rest);
}

/**
 * settings.json in Electron's userData folder: read leniently, written atomically.
 *
 * A damaged file never stops NoteVault from starting. What counts as damaged, and what happens:
 * - not UTF-8 or not JSON, or not a JSON object: every setting takes its default;
 * - some members invalid: those members take their defaults, the valid ones are kept
 *   (salvage-settings.ts explains why);
 * - unknown members: dropped, and not damage (a newer NoteVault may have written them).
 * For real damage the original bytes are kept as `settings.damaged-<time>.json` next to it, the
 * repaired settings are written back (so the warning appears once, not on every start), and the
 * load result carries a warning for the UI naming both files.
 */
import { dirname, join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { failure, success } from '../../src-shared/result';
import type { Result } from '../../src-shared/result';
import { defaultSettings } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { underlyingCode } from '../fsx/fs-errors';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { retryingFs, withFileRetry } from '../fsx/retry';
import { salvageSettings } from './salvage-settings';

export const SETTINGS_FILE = 'settings.json';
/** Written into the file for a future format change; not checked on reading (see salvage). */
const SETTINGS_FILE_VERSION = 1;
const MAX_DAMAGED_COPIES_PER_SECOND = 20;

export interface SettingsFileOptions extends FileLayerOptions {
  /** Decides the defaults (closeToTray); process.platform in the app. */
  platform: string;
  /** Names the damaged copy; default the current time. */
  now?: () => Date;
  /** Where problems that are not for the UI go (a failed rewrite). */
  log?: (message: string) => void;
}

export interface SettingsLoadResult {
  settings: Settings;
  /** Set when the file was damaged or unreadable and settings were reset: show it to the person. */
  warning: string | null;
  /** The kept copy of a damaged file, if one was made. */
  damagedCopy: string | null;
}

async function readBytes(file: string, layer: FileLayerOptions): Promise<Buffer | null> {
  const fs = layer.fs ?? nodeFileSystem;
  const retry = { platform: fs.platform, ...layer.retry };
  try {
    const handle = await retryingFs(fs, retry).open(file, 'r');
    try {
      return await withFileRetry('read the settings file', file, () => handle.readFile(), retry);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (underlyingCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** The file's JSON, or why it is none (the message completes "the file was damaged (...)"). */
function decodeJson(bytes: Buffer): Result<unknown> {
  let text: string;
  try {
    // ignoreBOM false: a byte-order mark from a hand edit in Notepad is skipped, not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure({ code: 'VALIDATION', message: 'it is not UTF-8 text' });
  }
  try {
    return success(JSON.parse(text) as unknown);
  } catch {
    return failure({ code: 'VALIDATION', message: 'it is not valid JSON' });
  }
}

/** `2026-11-25T22-48-03Z`: sortable, and legal in file names on every platform. */
export function fileTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

async function keepDamagedCopy(file: string, bytes: Buffer, when: Date, layer: FileLayerOptions) {
  const base = join(dirname(file), `settings.damaged-${fileTimestamp(when)}`);
  for (let n = 1; n <= MAX_DAMAGED_COPIES_PER_SECOND; n++) {
    const copy = n === 1 ? `${base}.json` : `${base}-${n}.json`;
    try {
      await writeFileAtomic(copy, bytes, { ...layer, overwrite: false });
      return copy;
    } catch (error) {
      if (underlyingCode(error) !== 'EEXIST') throw error;
    }
  }
  throw new NoteVaultError('IO', `Could not find a free name for a copy of the damaged settings "${file}".`);
}

export async function saveSettingsFile(file: string, settings: Settings, layer: FileLayerOptions = {}) {
  const content = { version: SETTINGS_FILE_VERSION, ...settings };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, layer);
}

/**
 * Loads the settings. Never fails: any problem ends in usable settings plus a warning, because
 * an app that does not start is worse than an app that starts with default settings.
 */
export async function loadSettingsFile(
  file: string,
  options: SettingsFileOptions,
): Promise<SettingsLoadResult> {
  const defaults = defaultSettings(options.platform);
  const layer: FileLayerOptions = { fs: options.fs, retry: options.retry };
  const log = options.log ?? ((message: string) => console.warn(message));
  let bytes: Buffer | null;
  try {
    bytes = await readBytes(file, layer);
  } catch (error) {
    // Unreadable is not damaged: the file may be fine, so it is neither copied nor rewritten.
    return {
      settings: defaults,
      warning: `NoteVault could not read its settings and started with the defaults: ${messageOf(error)}`,
      damagedCopy: null,
    };
  }
  if (bytes === null) return { settings: defaults, warning: null, damagedCopy: null };

  const decoded = decodeJson(bytes);
  const salvaged = decoded.ok
    ? salvageSettings(decoded.value, defaults, options.platform)
    : { settings: defaults, problems: [decoded.error.message] };
  if (salvaged.problems.length === 0)
    return { settings: salvaged.settings, warning: null, damagedCopy: null };

  const what = decoded.ok
    ? `Some settings in "${file}" were damaged and were reset to their defaults (${salvaged.problems.join('; ')}).`
    : `The settings file "${file}" was damaged (${decoded.error.message}), so every setting was reset to its default.`;
  let damagedCopy: string;
  try {
    damagedCopy = await keepDamagedCopy(file, bytes, (options.now ?? (() => new Date()))(), layer);
  } catch (error) {
    // Without a copy the original stays where it is, untouched, until a setting is changed.
    log(`Could not keep a copy of the damaged settings "${file}": ${messageOf(error)}`);
    return {
      settings: salvaged.settings,
      warning: `${what} Check your backup folder and schedule in Settings.`,
      damagedCopy: null,
    };
  }
  try {
    await saveSettingsFile(file, salvaged.settings, layer);
  } catch (error) {
    log(`Could not write the repaired settings to "${file}": ${messageOf(error)}`);
  }
  return {
    settings: salvaged.settings,
    warning: `${what} The damaged file was kept as "${damagedCopy}". Check your backup folder and schedule in Settings.`,
    damagedCopy,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import * as fs from 'node:fs';
import { NoteVaultError } from '../../src-shared/errors';
import { formatBytes } from '../../src-shared/format';
import { toNoteVaultError } from '../fsx/fs-errors';
import { IMPORT_LIMITS } from './import-limits';

/**
 * A single-document JSON export (Simplenote, Standard Notes), read whole: JSON cannot be
 * imported note by note without a streaming parser, so the file's size is what bounds memory,
 * and it is checked before reading.
 */
export async function readJsonExport(file: string, what: string): Promise<{ value: unknown; size: number }> {
  let text: string;
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
    if (size > IMPORT_LIMITS.maxJsonBytes) {
      throw new NoteVaultError(
        'VALIDATION',
        `Could not import "${file}": it is ${formatBytes(size)}, and a ${what} can be at most ${formatBytes(IMPORT_LIMITS.maxJsonBytes)}. Export the notes in parts.`,
      );
    }
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    throw error instanceof NoteVaultError ? error : toNoteVaultError(error, 'read', file);
  }
  try {
    return { value: JSON.parse(text.replace(/^\ufeff/, '')) as unknown, size };
  } catch (error) {
    throw new NoteVaultError(
      'VALIDATION',
      `Could not import "${file}": it is not valid JSON, so not a complete ${what}. Export it again.`,
      {
        details: error instanceof Error ? error.message : String(error),
      },
    );
  }
}

/** A record's own field, for walking parsed JSON of unknown shape. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An ISO date string or a number of seconds or milliseconds since the epoch, as milliseconds. */
export function dateOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

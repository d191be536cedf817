import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOTE_LIMITS } from '../../src-shared/notes';
import type { NewNote } from '../../src-shared/notes';
import { markdownToNote } from '../cli/markdown-note';
import type { FoundMarkdownFile } from './find-markdown-files';
import { describeReadFailure } from './read-failure';

export type NoteFileResult =
  | {
      kind: 'note';
      note: NewNote & { createdAt: number; updatedAt: number; pinned: boolean; tags: string[] };
      warning: string | null;
    }
  | { kind: 'skipped'; reason: string };

// Room for a title line or front matter block on top of the largest body, so the exact
// body size decides and not the file size.
const TITLE_BLOCK_ALLOWANCE_BYTES = 64 * 1024;
const MIB = 1024 * 1024;

/** Reads one Markdown file as a note, or says why it cannot become one. */
export function readNoteFile(file: FoundMarkdownFile): NoteFileResult {
  let stats: fs.Stats;
  let bytes: Buffer;
  try {
    stats = fs.statSync(file.absolutePath);
    if (stats.size > NOTE_LIMITS.bodyMaxBytes + TITLE_BLOCK_ALLOWANCE_BYTES) return tooLarge(stats.size);
    bytes = fs.readFileSync(file.absolutePath);
  } catch (error) {
    return { kind: 'skipped', reason: `could not be read: ${describeReadFailure(error)}` };
  }

  let text: string;
  try {
    // fatal: a Latin-1 or UTF-16 file must not be imported as replacement characters.
    // The default ignoreBOM: false drops a leading byte order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      kind: 'skipped',
      reason:
        'not valid UTF-8 text; convert it to UTF-8 (most editors offer "Save with encoding") and import it again',
    };
  }

  const stem = file.titleStem ?? path.basename(file.absolutePath).replace(/\.[^.]*$/, '');
  const parsed = markdownToNote(text, stem);
  const bodyBytes = Buffer.byteLength(parsed.body, 'utf8');
  if (bodyBytes > NOTE_LIMITS.bodyMaxBytes) return tooLarge(bodyBytes);

  const updatedAt = toTimestamp(stats.mtimeMs);
  // birthtime is 0 where the file system does not record it; a copied file can also be
  // "born" after its last change, and a note is never created after it was updated.
  const bornAt = stats.birthtimeMs > 0 ? toTimestamp(stats.birthtimeMs) : updatedAt;
  const warning =
    parsed.titleAdjustment === null
      ? null
      : `the title could not be stored as written, so ${parsed.titleAdjustment}; ` +
        "the note's body keeps the file's full text, including the original title";
  // NoteVault's own export names the note's tags, pinned and dates in its front matter
  // (cli/markdown-metadata.ts); those win over the file's times, which a copy changes.
  const metadata = parsed.metadata;
  return {
    kind: 'note',
    note: {
      title: parsed.title,
      body: parsed.body,
      createdAt: metadata?.createdAt ?? Math.min(bornAt, updatedAt),
      updatedAt: metadata?.updatedAt ?? updatedAt,
      pinned: metadata?.pinned ?? false,
      tags: metadata?.tags ?? [],
    },
    warning,
  };
}

function tooLarge(size: number): NoteFileResult {
  const limit = NOTE_LIMITS.bodyMaxBytes / MIB;
  return {
    kind: 'skipped',
    reason: `too large (${(size / MIB).toFixed(1)} MiB); a note holds at most ${limit} MiB, so split the file`,
  };
}

/** File times are fractional milliseconds; notes keep whole ones, never before 1970. */
function toTimestamp(ms: number): number {
  // Rounding, not flooring: a time set through utimes() reads back as e.g. ...122.999.
  return Math.max(0, Math.round(ms));
}

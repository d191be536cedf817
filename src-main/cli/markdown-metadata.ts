/**
 * What NoteVault's own Markdown export keeps of a note beside its title and body: tags, pinned
 * and its two dates, as extra lines of the title's front matter block. Each value is JSON, which
 * is also a YAML flow value, so Obsidian and other tools read the same tags and dates:
 *
 *     ---
 *     title: "Groceries"
 *     tags: ["home","lists/weekly"]
 *     pinned: true
 *     created: "2026-12-05T10:00:00.000Z"
 *     updated: "2026-12-05T11:30:00.000Z"
 *     ---
 *
 * Import reads these lines back only inside such a block, which starts with its `title:` line
 * and holds nothing but these keys; any other front matter stays part of the body, as written.
 */

export interface NoteMetadata {
  tags: string[];
  pinned: boolean;
  createdAt?: number;
  updatedAt?: number;
}

const METADATA_LINE = /^(tags|pinned|created|updated): (.+?)[ \t]*$/;

/** The metadata lines (without line breaks) for a note; dates as ISO 8601 with milliseconds. */
export function encodeMetadataLines(meta: NoteMetadata): string[] {
  const lines: string[] = [];
  if (meta.tags.length > 0) lines.push(`tags: ${JSON.stringify(meta.tags)}`);
  if (meta.pinned) lines.push('pinned: true');
  if (meta.createdAt !== undefined) lines.push(`created: ${JSON.stringify(isoOf(meta.createdAt))}`);
  if (meta.updatedAt !== undefined) lines.push(`updated: ${JSON.stringify(isoOf(meta.updatedAt))}`);
  return lines;
}

/**
 * Adds one front matter line to `meta`; false when the line is not one of the metadata lines
 * (the block is then not NoteVault's and is left in the body).
 */
export function readMetadataLine(line: string, meta: NoteMetadata): boolean {
  const match = METADATA_LINE.exec(line);
  if (match === null) return false;
  let value: unknown;
  try {
    value = JSON.parse(match[2] ?? '');
  } catch {
    return false;
  }
  switch (match[1]) {
    case 'tags':
      if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string')) return false;
      meta.tags = value;
      return true;
    case 'pinned':
      if (typeof value !== 'boolean') return false;
      meta.pinned = value;
      return true;
    case 'created':
    case 'updated': {
      const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(ms)) return false;
      if (match[1] === 'created') meta.createdAt = ms;
      else meta.updatedAt = ms;
      return true;
    }
    default:
      return false;
  }
}

function isoOf(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

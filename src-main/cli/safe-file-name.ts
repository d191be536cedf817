/**
 * File names for exported notes that every desktop system accepts and that cannot
 * overwrite each other on a case-insensitive disk (Windows, default macOS).
 */

/** Leaves room for a ` (12345)` suffix and `.md` within the 255-byte limit of common file systems. */
export const MAX_STEM_BYTES = 200;
export const UNTITLED_STEM = 'Untitled';

// Windows refuses these as a file's name, with any extension (`con.txt`), in any case,
// including the superscript-digit forms it treats as COM1-3/LPT1-3.
const RESERVED_WINDOWS_NAME = /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

const WINDOWS_FORBIDDEN = new Set(['<', '>', ':', '"', '/', '\\', '|', '?', '*']);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const utf8 = new TextEncoder();

/** The part of a file name before its extension, safe on Windows, macOS and Linux. */
export function safeFileStem(title: string): string {
  // NFC so that the name macOS reports back matches the one Linux and Windows store.
  // Edge whitespace (tabs, line breaks) goes before control characters become `_`.
  let stem = replaceUnsafeCharacters(trimEdges(title.normalize('NFC')));
  stem = trimEdges(truncateUtf8(stem, MAX_STEM_BYTES));
  stem = avoidReservedName(stem);
  return stem === '' ? UNTITLED_STEM : stem;
}

function replaceUnsafeCharacters(text: string): string {
  let result = '';
  for (const char of text) {
    result += isUnsafeCharacter(char) ? '_' : char;
  }
  return result;
}

function isUnsafeCharacter(char: string): boolean {
  if (WINDOWS_FORBIDDEN.has(char)) return true;
  const code = char.codePointAt(0) ?? 0;
  // C0 and C1 controls, DEL, line/paragraph separators, and bidirectional overrides
  // (which can make `note.exe` display as `exe.eton`) have no business in a file name.
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * Cuts `text` to at most `maxBytes` of UTF-8 at a grapheme boundary, so an emoji sequence
 * or an accented letter is never split; a single grapheme larger than the limit (a pile
 * of combining marks) is cut at a code point boundary instead.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8.encode(text).length <= maxBytes) return text;
  let result = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8.encode(segment).length;
    if (bytes + size > maxBytes) {
      return result !== '' ? result : truncateByCodePoint(segment, maxBytes);
    }
    result += segment;
    bytes += size;
  }
  return result;
}

function truncateByCodePoint(text: string, maxBytes: number): string {
  let result = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8.encode(char).length;
    if (bytes + size > maxBytes) break;
    result += char;
    bytes += size;
  }
  return result;
}

/**
 * Windows drops trailing dots and spaces (so `a.` and `a` collide), and names starting
 * with a dot are hidden on macOS and Linux (and skipped by import).
 */
function trimEdges(stem: string): string {
  return stem.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
}

function avoidReservedName(stem: string): string {
  const dot = stem.indexOf('.');
  const base = dot === -1 ? stem : stem.slice(0, dot);
  const rest = dot === -1 ? '' : stem.slice(dot);
  // Windows also ignores spaces between the device name and the extension (`CON .txt`).
  const trimmedBase = base.trimEnd();
  if (!RESERVED_WINDOWS_NAME.test(trimmedBase)) return stem;
  return `${trimmedBase}_${base.slice(trimmedBase.length)}${rest}`;
}

/**
 * The identity of a file name on a case-insensitive, normalization-insensitive disk.
 * Deliberately broad (`ß` matches `SS`): a needless ` (2)` is harmless, a collision is not.
 */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase();
}

/** Hands out file names that are unique among each other and the names already present. */
export class FileNameAllocator {
  private readonly taken = new Set<string>();

  constructor(
    existingNames: Iterable<string> = [],
    private readonly extension = '.md',
  ) {
    for (const name of existingNames) this.taken.add(fileNameKey(name));
  }

  /** `Title.md`, else `Title (2).md`, `Title (3).md`, ... */
  allocate(title: string): string {
    const stem = safeFileStem(title);
    for (let counter = 1; ; counter += 1) {
      const name = counter === 1 ? `${stem}${this.extension}` : `${stem} (${counter})${this.extension}`;
      const key = fileNameKey(name);
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return name;
      }
    }
  }

  /** Marks a name as used, e.g. when a file appeared on disk after the allocator was made. */
  reserve(name: string): void {
    this.taken.add(fileNameKey(name));
  }
}

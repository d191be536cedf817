import type { InlineImageType } from '../../src-shared/attachments';

/**
 * The image type the bytes themselves say, from their first bytes (magic numbers), or null.
 * The only way an attachment becomes an inline image: the type a paste, a drop, a file name or
 * a backup's row claims is never trusted for drawing. SVG is never recognised (see
 * INLINE_IMAGE_TYPES).
 */
export function sniffImageType(bytes: Uint8Array): InlineImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWithText(bytes, 'GIF87a') || startsWithText(bytes, 'GIF89a')) return 'image/gif';
  // RIFF <4-byte size> WEBP
  if (startsWithText(bytes, 'RIFF') && startsWithText(bytes.subarray(8), 'WEBP')) return 'image/webp';
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function startsWithText(bytes: Uint8Array, ascii: string): boolean {
  return startsWith(
    bytes,
    [...ascii].map((c) => c.charCodeAt(0)),
  );
}

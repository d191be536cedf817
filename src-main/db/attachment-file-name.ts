import { ATTACHMENT_LIMITS } from '../../src-shared/attachments';

// Controls, the bidirectional overrides that make "exe.png" read as "gnp.exe", and characters
// Windows forbids in a file name. The name is offered again by the save dialog, on any OS.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A stored attachment's file name: the last path segment of what the paste or drop claimed,
 * without characters that would be unsafe or misleading in a file name, at most
 * ATTACHMENT_LIMITS.fileNameMaxChars characters (the extension kept when shortened). A name
 * that is empty once cleaned becomes `fallback`.
 */
export function sanitizeFileName(claimed: string, fallback: string): string {
  const lastSegment = claimed.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    // Leading dots hide the file on POSIX; trailing dots and spaces are dropped by Windows.
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const name = cleaned === '' ? fallback : WINDOWS_RESERVED.test(cleaned) ? `_${cleaned}` : cleaned;
  return bound(name, ATTACHMENT_LIMITS.fileNameMaxChars);
}

/** Shortens the stem, keeping a short extension, without splitting a surrogate pair. */
function bound(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
  return chars.slice(0, max - extension.length - 1).join('') + '…' + extension.join('');
}

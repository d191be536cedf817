import { attachmentUrl } from './attachment-ref';
import { ATTACHMENT_LIMITS } from './attachment-limits';
import { formatBytes } from './format';

/**
 * Attachments as both processes (and the importers) see them. The limits (attachment-limits.ts)
 * are the one source for the repository, the IPC payload cap, the editor's check before it
 * sends, and import.
 */
export { ATTACHMENT_LIMITS } from './attachment-limits';

/**
 * Image types shown inline, decided by the file's first bytes in main, never by the type the
 * window or a file's extension claims. SVG is deliberately absent: it can carry script and
 * links, so it is kept as a file, not drawn.
 */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type InlineImageType = (typeof INLINE_IMAGE_TYPES)[number];

export function isInlineImageType(mediaType: string): mediaType is InlineImageType {
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(mediaType);
}

/** What the window learns about a stored attachment: never a path. */
export interface AttachmentInfo {
  /** Lower-case hex SHA-256 of the bytes: the attachment's only name. */
  sha256: string;
  /** Sniffed for images (INLINE_IMAGE_TYPES); otherwise the claimed type, or application/octet-stream. */
  mediaType: string;
  fileName: string;
  size: number;
  /** True when `mediaType` is one the reading view draws inline. */
  isImage: boolean;
}

export interface AttachmentAdded extends AttachmentInfo {
  /** The Markdown to insert at the cursor: an image or a link to `attachment:<sha256>`. */
  markdown: string;
}

export interface AttachmentBytes extends AttachmentInfo {
  data: Uint8Array;
}

/** The sentence shown when a file is over the cap, in the window and from main alike. */
export function attachmentTooLargeMessage(fileName: string, size: number): string {
  return `“${fileName}” was not attached: it is ${formatBytes(size)}, and an attachment can be at most ${formatBytes(ATTACHMENT_LIMITS.maxBytes)}.`;
}

/**
 * `![name](attachment:<sha>)` for an image, `[name](attachment:<sha>)` for any other file.
 * Brackets and backslashes in the name are escaped so it cannot end the link text early.
 */
export function attachmentMarkdown(info: Pick<AttachmentInfo, 'sha256' | 'fileName' | 'isImage'>): string {
  const text = info.fileName.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  return `${info.isImage ? '!' : ''}[${text}](${attachmentUrl(info.sha256)})`;
}

/**
 * The hash of the first image a note's Markdown shows (`![…](attachment:<sha>)`), or null: the
 * note list's thumbnail. Whether the bytes really are an image is main's answer when read.
 */
export function firstImageHashIn(text: string): string | null {
  const match = /!\[(?:[^\]\\\n]|\\.)*\]\(attachment:([0-9a-f]{64})\)/.exec(text);
  return match?.[1] ?? null;
}

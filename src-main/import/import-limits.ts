import { NOTE_LIMITS } from '../../src-shared/notes';
import { ATTACHMENT_LIMITS, attachmentTooLargeMessage } from '../../src-shared/attachments';

const MIB = 1024 * 1024;

/**
 * Bounds on what an import reads from a file it did not write. Each exists so a hostile or
 * broken export cannot exhaust memory or fill the database: past one, the item is skipped
 * with a reason (or, for the whole-source limits, the import stops before writing anything).
 */
export const IMPORT_LIMITS = {
  /** Heavy users keep up to 150,000 notes; past this the source is refused, to split. */
  maxNotes: 250_000,
  /** Attachments of one note, and all their bytes: a note past either keeps the first ones. */
  maxAttachmentsPerNote: 1000,
  maxAttachmentBytesPerNote: 512 * MIB,
  /**
   * Simplenote and Standard Notes exports are single JSON documents read whole, so the file
   * size bounds memory; a string in V8 cannot exceed about 512 MiB anyway.
   */
  maxJsonBytes: 256 * MIB,
  /** A note's ENML as read from an .enex, before conversion; generous over NOTE_LIMITS.bodyMaxBytes. */
  maxEnmlChars: 4 * NOTE_LIMITS.bodyMaxBytes,
  /** How deep ENML elements may nest before the rest of the note is refused as hostile. */
  maxEnmlDepth: 200,
} as const;

/** Why an attachment of `size` bytes cannot be imported, or null when it fits (the cap a paste meets). */
export function attachmentSizeProblem(name: string, size: number): string | null {
  if (size === 0) return `“${name}” was not attached: it is empty.`;
  return size > ATTACHMENT_LIMITS.maxBytes ? attachmentTooLargeMessage(name, size) : null;
}

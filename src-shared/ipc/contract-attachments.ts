import { z } from 'zod';
import { record } from '../note-rules';
import type { AttachmentAdded, AttachmentBytes, AttachmentInfo } from '../attachments';
import { returns } from './returns';

/**
 * attachments:* — images and files pasted or dropped into a note. An attachment is named by
 * the SHA-256 of its bytes alone (src-shared/attachment-ref.ts): never a path, never an id the
 * window could point at a file. Main reads bytes out only for an attachment some note refers
 * to, or one this window has just added; a copy is saved where main's own save dialog says.
 *
 * The bytes' size is bounded by the payload cap (payload-limits.ts); the repository refuses a
 * file over ATTACHMENT_LIMITS.maxBytes with the sentence the window also shows before sending.
 */
const sha256 = z
  .string({ error: 'An attachment is named by the SHA-256 of its bytes.' })
  .regex(/^[0-9a-f]{64}$/, { error: 'An attachment is named by the lower-case hex SHA-256 of its bytes.' });

const bySha = record('The request', { sha256 });

const newAttachment = record('A new attachment', {
  data: z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
    error: 'An attachment’s content must be bytes (a Uint8Array).',
  }),
  // Claims from the clipboard or the dropped file: sanitised (name) or checked against the
  // bytes (type) in main; bounded here only so a huge string never reaches the repository.
  fileName: z
    .string({ error: 'An attachment’s file name must be text.' })
    .max(1024, { error: 'An attachment’s file name is at most 1024 characters.' }),
  mediaType: z
    .string({ error: 'An attachment’s media type must be text.' })
    .max(255, { error: 'An attachment’s media type is at most 255 characters.' }),
});

export const attachmentsRequests = {
  /** Stores a pasted or dropped file (once per content) and returns the Markdown to insert. */
  'attachments:add': { args: newAttachment, returns: returns<AttachmentAdded>() },
  /** Name, size and drawn type, without the bytes: for a file's chip. */
  'attachments:info': { args: bySha, returns: returns<AttachmentInfo>() },
  /** The bytes, to draw an image from (a Blob and its object URL in the window). */
  'attachments:read': { args: bySha, returns: returns<AttachmentBytes>() },
  /** Opens main's save dialog and writes a copy there; false when the person cancelled. */
  'attachments:saveCopy': { args: bySha, returns: returns<boolean>() },
} as const;

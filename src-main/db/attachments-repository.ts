import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import {
  ATTACHMENT_LIMITS,
  attachmentMarkdown,
  attachmentTooLargeMessage,
  isInlineImageType,
} from '../../src-shared/attachments';
import type { AttachmentAdded, AttachmentBytes, AttachmentInfo } from '../../src-shared/attachments';
import { sanitizeFileName } from './attachment-file-name';
import { isAttachmentReferenced } from './attachment-links';
import { sniffImageType } from './attachment-sniff';
import { toNoteVaultError } from './database-errors';
import { guarded, readClock } from './repository-steps';
import { fail } from './validation-helpers';

/** What a paste or drop hands over: the bytes, and the name and type the window claims. */
export interface NewAttachment {
  data: Uint8Array;
  fileName: string;
  mediaType: string;
}

interface AttachmentRow {
  sha256: string;
  media_type: string;
  file_name: string;
  size: number;
  /** The first bytes, enough to recognise an image (attachment-sniff.ts). */
  head: Buffer;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
// type "/" subtype, RFC 6838's restricted names; parameters (";charset=...") are dropped first.
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const UNKNOWN_TYPE = 'application/octet-stream';
const EXTENSION_OF: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
};

/**
 * The attachments table: bytes stored once per SHA-256 (adding the same bytes again reuses the
 * row), at most ATTACHMENT_LIMITS.maxBytes each. Which notes refer to which attachment, and
 * removing the ones none does, is attachment-links.ts. Images are recognised by their bytes
 * (attachment-sniff.ts), both when stored and again whenever read, so a row's stored type (which
 * a backup or an import could have set) never decides what is drawn.
 */
export class AttachmentsRepository {
  private readonly insert: Database.Statement<[Record<string, unknown>]>;
  private readonly selectInfo: Database.Statement<[string], AttachmentRow>;
  private readonly selectData: Database.Statement<[string], AttachmentRow & { data: Buffer }>;
  private readonly countAll: Database.Statement<[], number>;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    try {
      this.insert = db.prepare(
        `INSERT INTO attachments (sha256, media_type, file_name, size, data, created_at)
         VALUES (@sha256, @mediaType, @fileName, @size, @data, @createdAt)
         ON CONFLICT (sha256) DO NOTHING`,
      );
      // substr() of an empty BLOB is NULL, and a restored or imported row may be empty.
      this.selectInfo = db.prepare(
        'SELECT sha256, media_type, file_name, size, coalesce(substr(data, 1, 16), zeroblob(0)) AS head FROM attachments WHERE sha256 = ?',
      );
      this.selectData = db.prepare(
        'SELECT sha256, media_type, file_name, size, coalesce(substr(data, 1, 16), zeroblob(0)) AS head, data FROM attachments WHERE sha256 = ?',
      );
      this.countAll = db.prepare<[], number>('SELECT count(*) FROM attachments').pluck();
    } catch (err) {
      throw toNoteVaultError(err, db.name);
    }
  }

  /**
   * Stores the bytes, or finds them already stored, and returns the attachment with the
   * Markdown that refers to it. The first name and type stored for the same bytes are kept;
   * the Markdown names the file as this paste did.
   */
  add(input: NewAttachment): AttachmentAdded {
    if (!(input.data instanceof Uint8Array)) fail('An attachment must be bytes.');
    const sniffed = sniffImageType(input.data);
    const fileName = sanitizeFileName(
      String(input.fileName),
      `attachment${sniffed ? EXTENSION_OF[sniffed] : ''}`,
    );
    const size = input.data.byteLength;
    if (size > ATTACHMENT_LIMITS.maxBytes) fail(attachmentTooLargeMessage(fileName, size));
    if (size === 0) fail(`“${fileName}” was not attached: it is empty.`);
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    const stored = this.guard(() =>
      this.db
        .transaction(() => {
          this.insert.run({
            sha256,
            mediaType: sniffed ?? storedTypeFor(String(input.mediaType)),
            fileName,
            size,
            data: input.data,
            createdAt: this.now(),
          });
          return this.selectInfo.get(sha256);
        })
        .immediate(),
    );
    if (!stored)
      throw new NoteVaultError('INTERNAL', 'The attachment was stored but could not be read back.');
    const info = toInfo(stored);
    return { ...info, markdown: attachmentMarkdown({ ...info, fileName }) };
  }

  /** The attachment's facts without its bytes; undefined when none has this hash. */
  info(sha256: string): AttachmentInfo | undefined {
    const hash = parseSha256(sha256);
    return this.guard(() => {
      const row = this.selectInfo.get(hash);
      return row ? toInfo(row) : undefined;
    });
  }

  /** The bytes and facts of an attachment; NOT_FOUND when none has this hash. */
  read(sha256: string): AttachmentBytes {
    const hash = parseSha256(sha256);
    const row = this.guard(() => this.selectData.get(hash));
    if (!row) {
      throw new NoteVaultError(
        'NOT_FOUND',
        'This attachment is no longer stored in NoteVault; it may have been removed with the notes that used it.',
      );
    }
    // A copy in an ArrayBuffer of its own: a Buffer may be a view of a larger pool, all of
    // which structured cloning would send to the window.
    return { ...toInfo(row), data: new Uint8Array(row.data) };
  }

  /** How many attachments are stored. */
  count(): number {
    return this.guard(() => this.countAll.get() ?? 0);
  }

  /** Whether some note, live or trashed, or a kept version of one, refers to the attachment. */
  isReferenced(sha256: string): boolean {
    const hash = parseSha256(sha256);
    return this.guard(() => isAttachmentReferenced(this.db, hash));
  }

  private now(): number {
    return readClock(this.clock);
  }

  private guard<T>(step: () => T): T {
    return guarded(this.db, step);
  }
}

function parseSha256(value: string): string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value))
    fail('An attachment is named by the lower-case hex SHA-256 of its bytes.');
  return value;
}

/**
 * The type kept for bytes that are not a recognised image: the claimed one when it is a
 * well-formed media type, except an inline image type the bytes did not prove (so a stored
 * row never claims to be drawable when it is not).
 */
function storedTypeFor(claimed: string): string {
  const type = claimed.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!MEDIA_TYPE.test(type) || isInlineImageType(type)) return UNKNOWN_TYPE;
  return type;
}

/** A row as the window sees it: the type drawn is the sniffed one, whatever the row says. */
function toInfo(row: AttachmentRow): AttachmentInfo {
  const sniffed = sniffImageType(row.head);
  const mediaType = sniffed ?? (isInlineImageType(row.media_type) ? UNKNOWN_TYPE : row.media_type);
  return {
    sha256: row.sha256,
    mediaType,
    fileName: row.file_name,
    size: row.size,
    isImage: sniffed !== null,
  };
}

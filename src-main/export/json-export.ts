import * as fs from 'node:fs';
import { toNoteVaultError } from '../fsx/fs-errors';
import type { SkippedItem } from '../import/imported-note';
import type { ExportedNote, ExportSource } from './export-source';
import { attachmentHashesOf } from './export-source';
import { NOTEVAULT_JSON_FORMAT, NOTEVAULT_JSON_VERSION } from './notevault-json';
import type { NotevaultJsonAttachment, NotevaultJsonNote } from './notevault-json';

/**
 * Writes notevault-json.ts's file into an open, new file descriptor as the notes are read, one
 * note at a time, so a vault of 100,000 notes is never one string in memory; the attachments
 * the notes named follow the notes, each once.
 */
export class JsonExportWriter {
  private readonly hashes = new Set<string>();
  private first = true;
  private attachments = 0;

  constructor(
    private readonly fd: number,
    private readonly file: string,
    private readonly history: boolean,
    clock: () => number,
  ) {
    this.put(
      `{"format":${JSON.stringify(NOTEVAULT_JSON_FORMAT)},"version":${NOTEVAULT_JSON_VERSION},` +
        `"exportedAt":${JSON.stringify(new Date(clock()).toISOString())},"history":${history},"notes":[\n`,
    );
  }

  get attachmentCount(): number {
    return this.attachments;
  }

  write(note: ExportedNote): void {
    const entry: NotevaultJsonNote = {
      id: note.id,
      title: note.title,
      body: note.body,
      tags: note.tags,
      pinned: note.pinned,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
      trashedAt: note.trashedAt,
      ...(this.history ? { versions: note.versions } : {}),
    };
    this.put(`${this.first ? '' : ',\n'}${JSON.stringify(entry)}`);
    this.first = false;
    for (const hash of attachmentHashesOf(note)) this.hashes.add(hash);
  }

  /** Writes the attachments the notes named and closes the document; the caller closes the fd. */
  finish(
    source: ExportSource,
    skipped: SkippedItem[],
    signal: AbortSignal | undefined,
    check: () => void,
  ): void {
    this.put('\n],"attachments":[\n');
    let first = true;
    for (const sha256 of this.hashes) {
      if (signal?.aborted === true) check();
      const attachment = source.attachmentOf(sha256);
      if (attachment === undefined) {
        skipped.push({
          item: `attachment ${sha256.slice(0, 12)}…`,
          reason:
            'a note names it but its bytes are no longer stored in NoteVault, so it is not in the export',
        });
        continue;
      }
      const entry: NotevaultJsonAttachment = {
        sha256: attachment.sha256,
        fileName: attachment.fileName,
        mediaType: attachment.mediaType,
        data: Buffer.from(
          attachment.data.buffer,
          attachment.data.byteOffset,
          attachment.data.byteLength,
        ).toString('base64'),
      };
      this.put(`${first ? '' : ',\n'}${JSON.stringify(entry)}`);
      first = false;
      this.attachments += 1;
    }
    this.put('\n]}\n');
  }

  private put(text: string): void {
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < bytes.length;)
        offset += fs.writeSync(this.fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      throw toNoteVaultError(error, 'write', this.file);
    }
  }
}

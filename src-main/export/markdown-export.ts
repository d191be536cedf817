import * as fs from 'node:fs';
import * as path from 'node:path';
import { noteToMarkdown } from '../cli/markdown-note';
import { FileNameAllocator } from '../cli/safe-file-name';
import { toNoteVaultError } from '../fsx/fs-errors';
import { PRIVATE_FILE_MODE } from '../fsx/private-modes';
import type { SkippedItem } from '../import/imported-note';
import type { ExportedNote, ExportSource } from './export-source';

/** The folder beside the notes that holds their attachments; import reads links into it back. */
export const ATTACHMENTS_FOLDER = 'attachments';

// Import reads a .md file as a note (find-markdown-files.ts), so an attachment named like one
// is written as .md.txt and stays an attachment when the folder is imported again.
const NOTE_LIKE_EXTENSION = /\.(md|markdown)$/i;
const SAFE_EXTENSION = /\.[A-Za-z0-9]{1,12}$/;
const REFERENCE = /(\]\(\s*)attachment:([0-9a-f]{64})(?![0-9a-f])/g;

/**
 * Writes notes as Markdown files into `folder` (a fresh private folder the caller publishes):
 * one `.md` per note named from its title (safe and unique, cli/safe-file-name.ts), its tags,
 * pinned and dates in the front matter (cli/markdown-metadata.ts), and every attachment once in
 * `attachments/`, with the note's `attachment:<sha256>` links rewritten to that relative file.
 */
export class MarkdownExportWriter {
  private readonly noteNames = new FileNameAllocator();
  private readonly attachmentNames = new Map<string, FileNameAllocator>();
  /** sha256 -> the name written in attachments/, or null when its bytes are not stored. */
  private readonly written = new Map<string, string | null>();
  private folderMade = false;

  constructor(
    private readonly folder: string,
    private readonly source: ExportSource,
  ) {}

  get attachmentCount(): number {
    return [...this.written.values()].filter((name) => name !== null).length;
  }

  write(note: ExportedNote, skipped: SkippedItem[]): void {
    const fileName = this.noteNames.allocate(note.title);
    const body = note.body.replace(REFERENCE, (whole, open: string, sha256: string) => {
      const name = this.attachment(sha256);
      if (name === null) {
        skipped.push({
          item: `${fileName}: attachment ${sha256.slice(0, 12)}…`,
          reason: 'its bytes are no longer stored in NoteVault, so the link was left as it was',
        });
        return whole;
      }
      return `${open}${ATTACHMENTS_FOLDER}/${encodeLinkPath(name)}`;
    });
    const text = noteToMarkdown(
      { title: note.title, body },
      { tags: note.tags, pinned: note.pinned, createdAt: note.createdAt, updatedAt: note.updatedAt },
    );
    const file = path.join(this.folder, fileName);
    writeNew(file, text);
    // Other tools sort by the file's time; seconds as a fraction keep the milliseconds.
    const updated = note.updatedAt / 1000;
    try {
      fs.utimesSync(file, updated, updated);
    } catch (error) {
      throw toNoteVaultError(error, 'set the modification time of', file);
    }
  }

  private attachment(sha256: string): string | null {
    const known = this.written.get(sha256);
    if (known !== undefined) return known;
    const attachment = this.source.attachmentOf(sha256);
    if (attachment === undefined) {
      this.written.set(sha256, null);
      return null;
    }
    const folder = path.join(this.folder, ATTACHMENTS_FOLDER);
    if (!this.folderMade) mkdirNew(folder);
    this.folderMade = true;
    const name = this.allocateAttachmentName(attachment.fileName);
    writeNew(path.join(folder, name), attachment.data);
    this.written.set(sha256, name);
    return name;
  }

  private allocateAttachmentName(fileName: string): string {
    let extension = SAFE_EXTENSION.exec(fileName)?.[0] ?? '';
    let stem = extension === '' ? fileName : fileName.slice(0, -extension.length);
    if (NOTE_LIKE_EXTENSION.test(extension)) extension = `${extension}.txt`;
    if (stem.trim() === '') stem = 'attachment';
    const key = extension.toLowerCase();
    let allocator = this.attachmentNames.get(key);
    if (allocator === undefined) {
      allocator = new FileNameAllocator([], extension);
      // One name space for the folder: a stem taken with one extension case is taken for all.
      this.attachmentNames.set(key, allocator);
    }
    return allocator.allocate(stem);
  }
}

/** A relative link path for a name made safe by safeFileStem: only what Markdown would misread is escaped. */
function encodeLinkPath(name: string): string {
  return encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function writeNew(file: string, data: string | Uint8Array): void {
  try {
    // 'wx': never through a link or over a file, in the private folder this export made.
    fs.writeFileSync(file, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (error) {
    throw toNoteVaultError(error, 'write', file);
  }
}

function mkdirNew(folder: string): void {
  try {
    fs.mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    throw toNoteVaultError(error, 'create the folder', folder);
  }
}

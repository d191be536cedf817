import * as fs from 'node:fs';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from '../fsx/fs-errors';
import type { ImportFormat } from './imported-note';
import { isMarkdownFileName } from './find-markdown-files';

const SNIFF_BYTES = 64 * 1024;

/**
 * Which format `source` is, decided by what it holds rather than by its name (exports get
 * renamed, and Simplenote's and Standard Notes' are both .txt or .json): a folder is Markdown;
 * a file is Evernote when its XML root is <en-export>, Simplenote when its JSON has activeNotes
 * or trashedNotes, Standard Notes when it has an items array, NoteVault's own export when its
 * JSON starts with "format": "notevault-export". Anything else is refused with the
 * formats NoteVault reads.
 */
export async function detectSource(source: string): Promise<ImportFormat> {
  let stats: fs.Stats;
  try {
    stats = await fs.promises.lstat(source);
  } catch (error) {
    throw toNoteVaultError(error, 'import from', source);
  }
  if (stats.isSymbolicLink()) {
    throw new NoteVaultError(
      'VALIDATION',
      `Could not import from "${source}": it is a symbolic link, which import never follows. Choose the folder or file it points to.`,
    );
  }
  if (stats.isDirectory()) return 'markdown';
  if (!stats.isFile()) throw notSupported(source, 'it is not a regular file or folder');
  if (isMarkdownFileName(source)) return 'markdown';

  const head = await readHead(source);
  const text = head
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trimStart();
  if (text.startsWith('<')) {
    if (/<en-export[\s>]/.test(text)) return 'enex';
    throw notSupported(source, 'it is XML, but not an Evernote export (no <en-export> element)');
  }
  if (text.startsWith('{')) return detectJson(text, source);
  throw notSupported(
    source,
    'it is neither a folder of Markdown files, an Evernote .enex file nor a JSON export',
  );
}

/**
 * The first keys of the JSON object decide; only the head of the file is read, so a 200 MB
 * export is not parsed twice. Both formats put their marker key near the top in practice; a
 * file that puts it later can still be imported with --from.
 */
function detectJson(head: string, source: string): ImportFormat {
  // NoteVault's own export writes its format first (export/notevault-json.ts).
  if (/^\{\s*"format"\s*:\s*"notevault-export"/.test(head)) return 'notevault';
  if (/^\{\s*"(activeNotes|trashedNotes)"\s*:/.test(head) || /"activeNotes"\s*:\s*\[/.test(head))
    return 'simplenote';
  if (/"items"\s*:\s*\[/.test(head) && /"content_type"\s*:/.test(head)) return 'standardnotes';
  if (/"items"\s*:\s*\[\s*\]/.test(head)) return 'standardnotes';
  throw new NoteVaultError(
    'VALIDATION',
    `Could not import "${source}": it is JSON, but not a Simplenote export (no "activeNotes") or a Standard Notes backup (no "items" with a "content_type"). If it is one, name it with --from simplenote or --from standardnotes.`,
  );
}

async function readHead(file: string): Promise<Buffer> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw toNoteVaultError(error, 'read', file);
  } finally {
    await handle?.close();
  }
}

function notSupported(source: string, why: string): NoteVaultError {
  return new NoteVaultError(
    'VALIDATION',
    `Could not import "${source}": ${why}. NoteVault imports a folder of Markdown files (Obsidian, Bear/TextBundle), an Evernote .enex file, a Simplenote export (JSON) and a decrypted Standard Notes backup.`,
  );
}

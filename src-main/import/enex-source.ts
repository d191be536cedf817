import * as fs from 'node:fs';
import * as path from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from '../fsx/fs-errors';
import { enexNote } from './enex-note';
import { EnexParser } from './enex-parser';
import { IMPORT_LIMITS } from './import-limits';
import type { ImportItem, SourceProgress } from './imported-note';

const CHUNK_BYTES = 256 * 1024;

/**
 * An Evernote export (.enex), streamed: notes are imported as the file is read, never held all
 * at once (enex-parser.ts), and each `<note>` becomes a note (enex-note.ts). An .enex that is not
 * well-formed XML with an <en-export> root is refused whole, with the parser's reason.
 */
export async function* readEnex(source: string, progress: SourceProgress): AsyncGenerator<ImportItem> {
  const file = path.basename(source);
  let total: number;
  try {
    total = (await fs.promises.stat(source)).size;
  } catch (error) {
    throw toNoteVaultError(error, 'read', source);
  }
  const ready: ImportItem[] = [];
  let count = 0;
  const parser = new EnexParser((note) => {
    count += 1;
    if (count > IMPORT_LIMITS.maxNotes)
      parser.failure ??= `it holds more than ${IMPORT_LIMITS.maxNotes} notes`;
    else ready.push(enexNote(note, file, count));
  });
  const stream = fs.createReadStream(source, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (parser.failure !== null) break;
      yield* ready.splice(0);
      progress(stream.bytesRead, total);
    }
    if (parser.failure === null) parser.end();
  } catch (error) {
    throw error instanceof NoteVaultError ? error : toNoteVaultError(error, 'read', source);
  } finally {
    stream.destroy();
  }
  if (parser.failure !== null || !parser.sawRoot) {
    throw new NoteVaultError(
      'VALIDATION',
      `Could not import "${source}": it is not a complete Evernote export (${parser.failure ?? 'it has no <en-export> element'}). Export the notes from Evernote again.`,
    );
  }
  yield* ready.splice(0);
  progress(total, total);
}

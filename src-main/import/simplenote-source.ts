import * as path from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { fitTitle } from '../cli/markdown-note';
import { parseHeadingLine } from '../cli/markdown-title';
import type { ImportItem, SourceProgress } from './imported-note';
import { dateOf, field, readJsonExport, stringList, text } from './read-json-export';

/**
 * Simplenote's JSON export (notes.json in the zip from Settings → Export): `activeNotes` (and
 * `trashedNotes`, which are reported, not imported), each `{ content, creationDate, lastModified,
 * tags, pinned | systemTags: ["pinned"] }`. Simplenote has no title field: the content's first
 * line is the title (a leading "# " dropped), the rest the body.
 */
export async function* readSimplenote(source: string, progress: SourceProgress): AsyncGenerator<ImportItem> {
  const { value, size } = await readJsonExport(source, 'Simplenote export');
  const active = field(value, 'activeNotes');
  const trashed = field(value, 'trashedNotes');
  if (!Array.isArray(active) && !Array.isArray(trashed)) {
    throw new NoteVaultError(
      'VALIDATION',
      `Could not import "${source}": it is JSON, but not a Simplenote export (it has no "activeNotes" list).`,
    );
  }
  const file = path.basename(source);
  const notes = Array.isArray(active) ? active : [];
  const inTrash = Array.isArray(trashed) ? trashed : [];
  for (const [index, note] of notes.entries()) {
    progress(Math.round((size * (index + 1)) / (notes.length + inTrash.length)), size);
    yield simplenoteItem(note, file, index);
  }
  for (const [index, note] of inTrash.entries()) {
    const content = text(field(note, 'content')) ?? '';
    yield {
      kind: 'skipped',
      skipped: {
        item: `${file}: ${describe(content, `trashed note ${index + 1}`)}`,
        reason: "it is in Simplenote's trash; trashed notes are not imported",
      },
    };
  }
  progress(size, size);
}

function simplenoteItem(note: unknown, file: string, index: number): ImportItem {
  const content = text(field(note, 'content'));
  const position = `note ${index + 1}`;
  if (content === undefined)
    return { kind: 'skipped', skipped: { item: `${file}: ${position}`, reason: 'it has no "content" text' } };
  const item = `${file}: ${describe(content, position)}`;
  const { title, body, adjustment } = splitTitle(content);
  const systemTags = stringList(field(note, 'systemTags'));
  return {
    kind: 'note',
    item,
    note: {
      title,
      body,
      tags: stringList(field(note, 'tags')),
      pinned: field(note, 'pinned') === true || systemTags.includes('pinned'),
      createdAt: dateOf(field(note, 'creationDate')),
      updatedAt: dateOf(field(note, 'lastModified')),
      attachments: [],
    },
    skipped: [],
    warnings:
      adjustment === null
        ? []
        : [
            {
              item,
              reason: `the title could not be stored as written, so ${adjustment}; the body keeps the full text`,
            },
          ],
  };
}

/** The first line is the title; the line breaks after it are layout, the rest is the body. */
function splitTitle(content: string): { title: string; body: string; adjustment: string | null } {
  const newline = content.search(/\r?\n/);
  const firstLine = newline === -1 ? content : content.slice(0, newline);
  const rest = newline === -1 ? '' : content.slice(newline).replace(/^(\r?\n)+/, '');
  const fitted = fitTitle(parseHeadingLine(firstLine) ?? firstLine.trim());
  // A title shortened to fit keeps the whole content as the body, so no word is lost.
  return fitted.adjustment === null
    ? { title: fitted.title, body: rest, adjustment: null }
    : { title: fitted.title, body: content, adjustment: fitted.adjustment };
}

/** A note as a person finds it in the list: its first words, else its position. */
export function describe(content: string, fallback: string): string {
  const first = content.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (first === '') return fallback;
  return JSON.stringify([...first].length > 60 ? `${[...first].slice(0, 59).join('')}…` : first);
}

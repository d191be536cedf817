import * as path from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { fitTitle } from '../cli/markdown-note';
import type { ImportItem, SourceProgress } from './imported-note';
import { describe } from './simplenote-source';
import { dateOf, field, readJsonExport, text } from './read-json-export';

const APP_DATA = 'org.standardnotes.sn';

/**
 * A decrypted Standard Notes backup (Settings → Backups → Download backup, "Decrypted"): `items`
 * of which `content_type: "Note"` are notes and `"Tag"` are tags naming their notes in
 * `content.references`; a tag with a TagToParentTag reference nests under its parent ("a/b").
 * Encrypted items (their content is a "004:..." string) cannot be read and are reported; a file
 * with nothing but encrypted items is refused, saying how to get a decrypted one. Trashed notes
 * are reported, not imported; deleted items (sync tombstones) are passed over.
 */
export async function* readStandardNotes(
  source: string,
  progress: SourceProgress,
): AsyncGenerator<ImportItem> {
  const { value, size } = await readJsonExport(source, 'Standard Notes backup');
  const items = field(value, 'items');
  if (!Array.isArray(items)) {
    throw new NoteVaultError(
      'VALIDATION',
      `Could not import "${source}": it is JSON, but not a Standard Notes backup (it has no "items" list).`,
    );
  }
  const file = path.basename(source);
  const live = items.filter((item) => field(item, 'deleted') !== true);
  const encrypted = live.filter((item) => typeof field(item, 'content') === 'string');
  const notes = live.filter(
    (item) => field(item, 'content_type') === 'Note' && typeof field(item, 'content') === 'object',
  );
  if (notes.length === 0 && encrypted.length > 0) {
    throw new NoteVaultError(
      'VALIDATION',
      `Could not import "${source}": this Standard Notes backup is encrypted. In Standard Notes, download a decrypted backup (Settings → Backups, "Decrypted") and import that file.`,
    );
  }
  const tagsOf = tagNamesByNote(live);

  for (const item of encrypted) {
    yield {
      kind: 'skipped',
      skipped: {
        item: `${file}: encrypted ${text(field(item, 'content_type')) ?? 'item'} ${text(field(item, 'uuid')) ?? ''}`.trim(),
        reason: 'it is encrypted; download a decrypted backup from Standard Notes to import it',
      },
    };
  }
  for (const [index, item] of notes.entries()) {
    progress(Math.round((size * (index + 1)) / notes.length), size);
    yield noteItem(item, file, index, tagsOf);
  }
  progress(size, size);
}

function noteItem(
  item: unknown,
  file: string,
  index: number,
  tagsOf: ReadonlyMap<string, string[]>,
): ImportItem {
  const content = field(item, 'content');
  const rawTitle = text(field(content, 'title')) ?? '';
  const body = text(field(content, 'text')) ?? '';
  const label = `${file}: ${describe(rawTitle, describe(body, `note ${index + 1}`))}`;
  if (field(content, 'trashed') === true) {
    return {
      kind: 'skipped',
      skipped: { item: label, reason: "it is in Standard Notes' trash; trashed notes are not imported" },
    };
  }
  const appData = field(field(content, 'appData'), APP_DATA);
  const fitted = fitTitle(rawTitle);
  const uuid = text(field(item, 'uuid'));
  return {
    kind: 'note',
    item: label,
    note: {
      title: fitted.title,
      // A title shortened to fit goes into the body too, so no word of it is lost.
      body: fitted.adjustment === null ? body : `${rawTitle}\n\n${body}`,
      tags: uuid === undefined ? [] : (tagsOf.get(uuid) ?? []),
      pinned: field(content, 'pinned') === true || field(appData, 'pinned') === true,
      createdAt: dateOf(field(item, 'created_at')),
      // The time the person last edited it, when recorded; updated_at also moves on every sync.
      updatedAt: dateOf(field(appData, 'client_updated_at')) ?? dateOf(field(item, 'updated_at')),
      attachments: [],
    },
    skipped: [],
    warnings: [
      ...(fitted.adjustment === null
        ? []
        : [
            {
              item: label,
              reason: `the title could not be stored as written, so ${fitted.adjustment}; the body starts with the full title`,
            },
          ]),
      // A Super note's text is its editor's JSON document, not Markdown: kept whole, and said.
      ...(field(content, 'noteType') === 'super' ? [{ item: label, reason: SUPER_NOTE_WARNING }] : []),
    ],
  };
}

const SUPER_NOTE_WARNING =
  "a Super note: its text is Standard Notes' own format (JSON), imported as it is; to get Markdown, " +
  'change its type to Markdown (or plain text) in Standard Notes and back it up again';

/** Note uuid -> the full names ("parent/child") of the tags that reference it. */
function tagNamesByNote(items: readonly unknown[]): Map<string, string[]> {
  const tags = new Map<string, { title: string; parent: string | undefined; notes: string[] }>();
  for (const item of items) {
    if (field(item, 'content_type') !== 'Tag') continue;
    const uuid = text(field(item, 'uuid'));
    const content = field(item, 'content');
    const title = text(field(content, 'title'));
    if (uuid === undefined || title === undefined) continue;
    const references = field(content, 'references');
    const list: unknown[] = Array.isArray(references) ? references : [];
    const parent = list.find(
      (ref) => field(ref, 'content_type') === 'Tag' && field(ref, 'reference_type') === 'TagToParentTag',
    );
    tags.set(uuid, {
      title,
      parent: text(field(parent, 'uuid')),
      notes: list
        .filter((ref) => field(ref, 'content_type') === 'Note')
        .flatMap((ref) => text(field(ref, 'uuid')) ?? []),
    });
  }
  const fullName = (uuid: string): string => {
    const names: string[] = [];
    const seen = new Set<string>();
    // A parent loop in a hand-edited file ends at the first repeat instead of looping forever.
    for (let at: string | undefined = uuid; at !== undefined && !seen.has(at); at = tags.get(at)?.parent) {
      seen.add(at);
      const tag = tags.get(at);
      if (tag === undefined) break;
      names.unshift(tag.title);
    }
    return names.join('/');
  };
  const byNote = new Map<string, string[]>();
  for (const [uuid, tag] of tags) {
    const name = fullName(uuid);
    for (const note of tag.notes) byNote.set(note, [...(byNote.get(note) ?? []), name]);
  }
  return byNote;
}

import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { attachmentHashesIn } from '../../src-shared/attachment-ref';
import { NoteVaultError } from '../../src-shared/errors';
import { VERSION_REASONS } from '../../src-shared/note-versions';
import type { VersionReason } from '../../src-shared/note-versions';
import { NOTEVAULT_JSON_FORMAT, NOTEVAULT_JSON_VERSION } from '../export/notevault-json';
import { attachmentSizeProblem } from './import-limits';
import type {
  ImportedAttachment,
  ImportedVersion,
  ImportItem,
  SkippedItem,
  SourceProgress,
} from './imported-note';
import { field, readJsonExport, stringList, text } from './read-json-export';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * NoteVault's own JSON export (export/notevault-json.ts), read back with nothing lost: titles and
 * bodies exactly, tags, pinned, both dates, the trash (as trashed notes), kept versions, and the
 * attachments, each checked against the SHA-256 it claims before it is stored.
 */
export async function* readNotevaultJson(
  source: string,
  progress: SourceProgress,
): AsyncGenerator<ImportItem> {
  const { value, size } = await readJsonExport(source, 'NoteVault export');
  const file = path.basename(source);
  if (field(value, 'format') !== NOTEVAULT_JSON_FORMAT || !Array.isArray(field(value, 'notes'))) {
    throw new NoteVaultError(
      'VALIDATION',
      `Could not import "${source}": it is JSON, but not a NoteVault export (no "format": "${NOTEVAULT_JSON_FORMAT}" with a "notes" list).`,
    );
  }
  const version = field(value, 'version');
  if (typeof version !== 'number' || version > NOTEVAULT_JSON_VERSION) {
    throw new NoteVaultError(
      'VALIDATION',
      `Could not import "${source}": it was written by a newer NoteVault (export version ${String(version)}). Update NoteVault, then import it again.`,
    );
  }
  const { attachments, skipped } = readAttachments(field(value, 'attachments'), file);
  for (const item of skipped) yield { kind: 'skipped', skipped: item };
  const notes = field(value, 'notes') as unknown[];
  for (const [index, note] of notes.entries()) {
    progress(Math.round((size * (index + 1)) / notes.length), size);
    yield noteItem(note, file, index, attachments);
    if (index % 100 === 99) await Promise.resolve();
  }
  progress(size, size);
}

function noteItem(
  note: unknown,
  file: string,
  index: number,
  attachments: ReadonlyMap<string, ImportedAttachment>,
): ImportItem {
  const title = text(field(note, 'title'));
  const body = text(field(note, 'body'));
  const position = `${file}: note ${index + 1}`;
  if (title === undefined || body === undefined)
    return { kind: 'skipped', skipped: { item: position, reason: 'it has no "title" and "body" text' } };
  const item = `${file}: ${title.trim() === '' ? `note ${index + 1}` : title.slice(0, 80)}`;
  const versions = readVersions(field(note, 'versions'));
  const skipped: SkippedItem[] = [];
  const named = new Set(attachmentHashesIn(`${title}\n${body}`));
  for (const version of versions)
    for (const hash of attachmentHashesIn(`${version.title}\n${version.body}`)) named.add(hash);
  const attached: ImportedAttachment[] = [];
  for (const hash of named) {
    const attachment = attachments.get(hash);
    if (attachment === undefined)
      skipped.push({
        item: `${item}: attachment ${hash.slice(0, 12)}…`,
        reason: 'the export does not hold its bytes; the note was imported with the link as it was',
      });
    else attached.push(attachment);
  }
  const trashedAt = time(field(note, 'trashedAt'));
  return {
    kind: 'note',
    item,
    note: {
      title,
      body,
      tags: stringList(field(note, 'tags')),
      pinned: field(note, 'pinned') === true,
      createdAt: time(field(note, 'createdAt')),
      updatedAt: time(field(note, 'updatedAt')),
      attachments: attached,
      ...(trashedAt === undefined ? {} : { trashedAt }),
      ...(versions.length === 0 ? {} : { versions }),
    },
    skipped,
    warnings: [],
  };
}

function readVersions(value: unknown): ImportedVersion[] {
  if (!Array.isArray(value)) return [];
  const versions: ImportedVersion[] = [];
  for (const entry of value) {
    const title = text(field(entry, 'title'));
    const body = text(field(entry, 'body'));
    const savedAt = time(field(entry, 'savedAt'));
    const reason = field(entry, 'reason');
    if (title === undefined || body === undefined || savedAt === undefined) continue;
    versions.push({
      title,
      body,
      savedAt,
      reason: (VERSION_REASONS as readonly unknown[]).includes(reason) ? (reason as VersionReason) : 'edit',
    });
  }
  return versions;
}

function readAttachments(
  value: unknown,
  file: string,
): { attachments: Map<string, ImportedAttachment>; skipped: SkippedItem[] } {
  const attachments = new Map<string, ImportedAttachment>();
  const skipped: SkippedItem[] = [];
  for (const entry of Array.isArray(value) ? value : []) {
    const name = text(field(entry, 'fileName')) ?? 'attachment';
    const claimed = text(field(entry, 'sha256')) ?? '';
    const data = text(field(entry, 'data'));
    const item = `${file}: attachment ${JSON.stringify(name.slice(0, 80))}`;
    if (!SHA256_HEX.test(claimed) || data === undefined) {
      skipped.push({ item, reason: 'it has no "sha256" and "data" (base64)' });
      continue;
    }
    // base64 is 4 characters per 3 bytes: the size is known before decoding.
    const problem = attachmentSizeProblem(name, Math.floor((data.length * 3) / 4));
    if (problem !== null && data.length > 0) {
      skipped.push({ item, reason: problem });
      continue;
    }
    const bytes = new Uint8Array(Buffer.from(data, 'base64'));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== claimed) {
      skipped.push({
        item,
        reason:
          'its bytes do not match its SHA-256, so the file is damaged; notes that show it were imported without it',
      });
      continue;
    }
    const mediaType = text(field(entry, 'mediaType'));
    attachments.set(sha256, { name, bytes, sha256, ...(mediaType === undefined ? {} : { mediaType }) });
  }
  return { attachments, skipped };
}

function time(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

import { fitTitle } from '../cli/markdown-note';
import { attachmentMarkdown } from '../../src-shared/attachments';
import type { EnexNoteFields, EnexResource } from './enex-parser';
import { enmlToMarkdown } from './enml-to-markdown';
import { parseEnml } from './enml-tree';
import { attachmentSizeProblem, IMPORT_LIMITS } from './import-limits';
import type { ImportedAttachment, ImportItem, SkippedItem } from './imported-note';

const MIB = 1024 * 1024;

/**
 * One Evernote note as NoteVault's: title, ENML content as Markdown (enml-to-markdown.ts), tags,
 * created/updated dates, and resources as attachments matched to `<en-media hash>` by their MD5.
 * A resource no en-media shows (Evernote keeps some) is linked at the end, so nothing is lost; a
 * resource over the cap, or an en-media whose resource is missing, is reported and the note kept.
 */
export function enexNote(fields: EnexNoteFields, file: string, index: number): ImportItem {
  const rawTitle = fields.title.replace(/\s+/g, ' ').trim();
  const item = `${file}: ${rawTitle === '' ? `note ${index}` : JSON.stringify(rawTitle)}`;
  if (fields.contentTooLarge) {
    const limit = IMPORT_LIMITS.maxEnmlChars / MIB;
    return {
      kind: 'skipped',
      skipped: {
        item,
        reason: `its content is over ${limit} MiB of ENML, more than a note holds; split it in Evernote`,
      },
    };
  }
  const resources = new NoteResources(fields.resources, item);
  let body: string;
  try {
    const { root, problems } = parseEnml(fields.content);
    body = enmlToMarkdown(root, {
      media: (hash) => resources.show(hash),
      lost: (what) => resources.skipped.push({ item, reason: `${what} was left out` }),
    });
    if (problems.length > 0 && body.trim() === '' && fields.content.trim() !== '') {
      return {
        kind: 'skipped',
        skipped: { item, reason: `its content is not readable ENML (${problems[0] ?? ''})` },
      };
    }
  } catch (error) {
    return {
      kind: 'skipped',
      skipped: { item, reason: error instanceof Error ? error.message : String(error) },
    };
  }
  const unshown = resources.unshown();
  if (unshown !== '') body = `${body}${body === '' ? '' : '\n'}${unshown}\n`;

  const fitted = fitTitle(rawTitle);
  return {
    kind: 'note',
    item,
    note: {
      title: fitted.title,
      // A title shortened to fit goes into the body too, so no word of it is lost.
      body: fitted.adjustment === null ? body : `${rawTitle}\n\n${body}`,
      tags: fields.tags,
      pinned: false,
      createdAt: enexDate(fields.created),
      updatedAt: enexDate(fields.updated) ?? enexDate(fields.created),
      attachments: resources.attachments,
    },
    skipped: resources.skipped,
    warnings:
      fitted.adjustment === null
        ? []
        : [
            {
              item,
              reason: `the title could not be stored as written, so ${fitted.adjustment}; the body starts with the full title`,
            },
          ],
  };
}

/** A note's resources: which the content shows, which are attached, which were left out and why. */
class NoteResources {
  readonly attachments: ImportedAttachment[] = [];
  readonly skipped: SkippedItem[] = [];
  private readonly byMd5: Map<string, EnexResource>;
  private readonly shown = new Set<string>();

  constructor(
    private readonly resources: readonly EnexResource[],
    private readonly item: string,
  ) {
    this.byMd5 = new Map(resources.map((resource) => [resource.md5, resource]));
  }

  show(hash: string): string {
    const resource = this.byMd5.get(hash.toLowerCase());
    if (resource === undefined) {
      this.skipped.push({
        item: `${this.item}: attachment ${hash.slice(0, 32)}`,
        reason: 'the note shows an attachment that is missing from the .enex file',
      });
      return '(missing attachment)';
    }
    this.shown.add(resource.md5);
    return this.attach(resource);
  }

  /** Links to the resources the content never showed, one paragraph each. */
  unshown(): string {
    return this.resources
      .filter((resource) => !this.shown.has(resource.md5))
      .map((resource) => this.attach(resource))
      .join('\n\n');
  }

  private attach(resource: EnexResource): string {
    const name = resource.fileName ?? `attachment${extensionFor(resource.mime)}`;
    const problem = resource.dropped ?? attachmentSizeProblem(name, resource.size);
    if (resource.bytes === null || problem !== null) {
      this.skipped.push({ item: `${this.item}: ${name}`, reason: problem ?? 'it could not be read' });
      return `(attachment not imported: ${name.replace(/[\\[\]()*_`<>]/g, (c) => `\\${c}`)})`;
    }
    if (!this.attachments.some((a) => a.sha256 === resource.sha256)) {
      this.attachments.push({
        name,
        mediaType: resource.mime,
        bytes: resource.bytes,
        sha256: resource.sha256,
      });
    }
    return attachmentMarkdown({
      sha256: resource.sha256,
      fileName: name,
      isImage: (resource.mime ?? '').startsWith('image/'),
    });
  }
}

/** Evernote's dates: 20201231T235959Z (UTC). */
export function enexDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}

function extensionFor(mime: string | undefined): string {
  const subtype = /^[a-z]+\/([a-z0-9]+)$/i.exec(mime ?? '')?.[1]?.toLowerCase();
  if (subtype === undefined) return '';
  return `.${subtype === 'jpeg' ? 'jpg' : subtype}`;
}

import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { Base64Resource } from './base64-resource';
import { EnexDataSplitter } from './enex-data-splitter';
import { ATTACHMENT_LIMITS } from '../../src-shared/attachments';
import { IMPORT_LIMITS } from './import-limits';

const FIELD_MAX_CHARS = 64 * 1024;

export interface EnexResource {
  md5: string;
  sha256: string;
  size: number;
  /** Null when the resource was larger than the attachment cap (only hashed and counted). */
  bytes: Buffer | null;
  /** Why `bytes` is null when the resource itself fitted: the note's total was over its limit. */
  dropped?: string;
  mime: string | undefined;
  fileName: string | undefined;
}

/** One `<note>` as read: its fields as text, bounded, and its resources decoded. */
export interface EnexNoteFields {
  title: string;
  content: string;
  contentTooLarge: boolean;
  created: string;
  updated: string;
  tags: string[];
  resources: EnexResource[];
}

interface OpenResource {
  data: Base64Resource | null;
  mime: string;
  fileName: string;
  result: ReturnType<Base64Resource['finish']> | null;
}

/**
 * The XML side of an .enex: fed text as it streams in, it hands each complete `<note>` to
 * `onNote`. Field texts are bounded (a title of a megabyte is cut, content past
 * IMPORT_LIMITS.maxEnmlChars marks the note too large instead of growing), and resource data
 * never reaches the XML parser (enex-data-splitter.ts). `failure` is set at the first XML error:
 * an .enex that is not well-formed is refused whole rather than half imported.
 */
export class EnexParser {
  failure: string | null = null;
  sawRoot = false;
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly splitter: EnexDataSplitter;
  private readonly stack: string[] = [];
  private note: EnexNoteFields | null = null;
  private resource: OpenResource | null = null;

  constructor(private readonly onNote: (note: EnexNoteFields) => void) {
    // saxes keeps one handler per event.
    this.parser.on('error', (error) => {
      this.failure ??= error.message;
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
    this.parser.on('closetag', (tag) => this.close(tag));
    this.splitter = new EnexDataSplitter(
      (xml) => {
        if (this.failure === null) this.parser.write(xml);
      },
      (data) => this.resource?.data?.write(data),
    );
  }

  write(text: string): void {
    this.splitter.push(text);
  }

  end(): void {
    this.splitter.end();
    if (this.failure === null) this.parser.close();
  }

  private open(tag: SaxesTagPlain): void {
    const name = tag.name;
    if (this.stack.length === 0) {
      if (name !== 'en-export') this.failure ??= `the root element is <${name}>, not <en-export>`;
      this.sawRoot = true;
    }
    this.stack.push(name);
    const depth = this.stack.length;
    if (name === 'note' && depth === 2) {
      this.note = {
        title: '',
        content: '',
        contentTooLarge: false,
        created: '',
        updated: '',
        tags: [],
        resources: [],
      };
    } else if (this.note !== null && name === 'resource' && depth === 3) {
      this.resource = { data: null, mime: '', fileName: '', result: null };
    } else if (this.resource !== null && name === 'data') {
      this.resource.data = new Base64Resource(ATTACHMENT_LIMITS.maxBytes);
    } else if (this.note !== null && name === 'tag' && depth === 3) {
      // A new <tag> starts a new name; its text may arrive in pieces.
      this.note.tags.push('');
    }
  }

  private text(text: string): void {
    const note = this.note;
    if (note === null) return;
    const name = this.stack.at(-1);
    if (this.stack.length === 3) {
      if (name === 'title') note.title = bounded(note.title + text);
      else if (name === 'created') note.created = bounded(note.created + text);
      else if (name === 'updated') note.updated = bounded(note.updated + text);
      else if (name === 'tag') note.tags[note.tags.length - 1] = bounded((note.tags.at(-1) ?? '') + text);
      else if (name === 'content') {
        if (note.content.length + text.length > IMPORT_LIMITS.maxEnmlChars) note.contentTooLarge = true;
        else note.content += text;
      }
    } else if (this.resource !== null) {
      if (name === 'mime') this.resource.mime = bounded(this.resource.mime + text);
      else if (name === 'file-name') this.resource.fileName = bounded(this.resource.fileName + text);
    }
  }

  private close(tag: SaxesTagPlain): void {
    this.stack.pop();
    const depth = this.stack.length;
    if (tag.name === 'data' && this.resource?.data != null) {
      this.resource.result = this.resource.data.finish();
      this.resource.data = null;
    } else if (tag.name === 'resource' && depth === 2 && this.resource !== null) {
      const { result, mime, fileName } = this.resource;
      if (result !== null && this.note !== null)
        this.note.resources.push(
          keepWithinNote(this.note, { ...result, mime: nonEmpty(mime), fileName: nonEmpty(fileName) }),
        );
      this.resource = null;
    } else if (tag.name === 'note' && depth === 1 && this.note !== null) {
      this.onNote(this.note);
      this.note = null;
    }
  }
}

/** Bounds what one note holds in memory: past the per-note limits, resources are only counted. */
function keepWithinNote(note: EnexNoteFields, resource: EnexResource): EnexResource {
  const kept = note.resources.filter((r) => r.bytes !== null);
  const bytes = kept.reduce((sum, r) => sum + r.size, 0);
  if (resource.bytes === null) return resource;
  if (
    kept.length < IMPORT_LIMITS.maxAttachmentsPerNote &&
    bytes + resource.size <= IMPORT_LIMITS.maxAttachmentBytesPerNote
  )
    return resource;
  return {
    ...resource,
    bytes: null,
    dropped: 'the note has more attachments than one note may hold; the first ones were attached',
  };
}

function bounded(text: string): string {
  return text.length > FIELD_MAX_CHARS ? text.slice(0, FIELD_MAX_CHARS) : text;
}

function nonEmpty(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

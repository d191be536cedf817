import type { AttachmentBytes, AttachmentInfo } from '../../../src-shared/attachments';

/** An attachment as the window draws it: its facts, and an object URL when it is an image. */
export interface LoadedAttachment {
  info: AttachmentInfo;
  /** A `blob:` URL of the bytes, for images only (main decided `isImage` from the bytes). */
  url: string | null;
}

export interface AttachmentLease {
  loaded: Promise<LoadedAttachment>;
  /** Gives the lease back; the object URL is revoked once no lease holds it. */
  release(): void;
}

export interface ObjectUrls {
  create(blob: Blob): string;
  revoke(url: string): void;
}

interface Entry {
  leases: number;
  /** The pending drop after the last lease went, cancelled if a viewer comes back first. */
  dropTimer: ReturnType<typeof setTimeout> | null;
  loaded: Promise<LoadedAttachment>;
  url: string | null;
  released: boolean;
}

/**
 * One object URL per attachment for the whole window, shared by the reading view and every
 * list thumbnail that shows it, read from main once and revoked shortly after the last one
 * showing it unmounts, so an image's bytes are not kept alive by a forgotten URL. "Shortly":
 * the reading view is redrawn as the text is typed, and an image unmounted and mounted again
 * in the same moment keeps its URL rather than being read from main again.
 */
export class AttachmentUrlCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly read: (sha256: string) => Promise<AttachmentBytes>,
    private readonly urls: ObjectUrls = {
      create: (blob) => URL.createObjectURL(blob),
      revoke: (url) => URL.revokeObjectURL(url),
    },
    /** How long an attachment no one shows keeps its URL; 0 revokes at once. */
    private readonly graceMs = 2000,
  ) {}

  acquire(sha256: string): AttachmentLease {
    let entry = this.entries.get(sha256);
    if (!entry) entry = this.load(sha256);
    if (entry.dropTimer !== null) {
      clearTimeout(entry.dropTimer);
      entry.dropTimer = null;
    }
    entry.leases += 1;
    const held = entry;
    let given = false;
    return {
      loaded: held.loaded,
      release: () => {
        if (given) return;
        given = true;
        held.leases -= 1;
        if (held.leases > 0) return;
        if (this.graceMs === 0) this.drop(sha256, held);
        else held.dropTimer = setTimeout(() => this.drop(sha256, held), this.graceMs);
      },
    };
  }

  /** How many attachments hold an object URL now (for tests and leak checks). */
  get liveUrls(): number {
    return [...this.entries.values()].filter((entry) => entry.url !== null).length;
  }

  private load(sha256: string): Entry {
    const entry: Entry = {
      leases: 0,
      dropTimer: null,
      url: null,
      released: false,
      loaded: Promise.resolve(null as never),
    };
    entry.loaded = this.read(sha256).then(
      ({ data, ...info }) => {
        // Released while main was reading: nothing is left to show it.
        if (entry.released || !info.isImage) return { info, url: null };
        entry.url = this.urls.create(new Blob([data as Uint8Array<ArrayBuffer>], { type: info.mediaType }));
        return { info, url: entry.url };
      },
      (error: unknown) => {
        // A failed read is not kept: the next one to show it asks main again.
        if (this.entries.get(sha256) === entry) this.entries.delete(sha256);
        throw error;
      },
    );
    this.entries.set(sha256, entry);
    return entry;
  }

  private drop(sha256: string, entry: Entry): void {
    entry.dropTimer = null;
    entry.released = true;
    if (this.entries.get(sha256) === entry) this.entries.delete(sha256);
    if (entry.url !== null) {
      this.urls.revoke(entry.url);
      entry.url = null;
    }
  }
}

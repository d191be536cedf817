/**
 * backup-catalogue.json in userData: every backup NoteVault wrote, with what a later check
 * compares the file against (its size and the SHA-256 of the whole encrypted file as written and
 * read back), whether the device key opens it, and per destination the state of its copy and its
 * last restore drill (docs/backup-pipeline.md, "Manifests and restore drills").
 *
 * Machine data like backup-state.json (backup-state-store.ts), so it behaves the same way: changes
 * apply in memory first and are written afterwards, one atomic write at a time of the newest
 * state; a damaged file is logged and started afresh (the backups themselves are untouched, and the
 * next backups and drills fill it again). Bounded on every axis so a hostile or runaway file cannot
 * grow without limit: entries, name and text lengths, and the file's size before it is read.
 */
import { z } from 'zod';
import { boundDetails } from '../../src-shared/errors';
import { destinationIdSchema } from '../../src-shared/settings';
import { isBackupFileName } from '../backup/backup-names';
import { BACKUP_KINDS } from '../backup/format/metadata';
import type { BackupKind } from '../backup/format/metadata';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { underlyingCode } from '../fsx/fs-errors';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { retryingFs } from '../fsx/retry';
import { Listeners } from '../schedule/listeners';

export const BACKUP_CATALOGUE_FILE = 'backup-catalogue.json';
/**
 * More than retention can keep in three destinations of ordinary use; past it the oldest entries
 * go (their files, if still on disk, are then drilled without a catalogue to compare against).
 */
export const MAX_CATALOGUE_ENTRIES = 2000;
/** A catalogue file larger than this is not read (it cannot be one NoteVault wrote within the bounds). */
export const MAX_CATALOGUE_BYTES = 64 * 1024 * 1024;
/** A sentence for a person; longer stored text is cut, never refused. */
export const MAX_CATALOGUE_MESSAGE_CHARS = 1000;
const MAX_NAME_CHARS = 255;

/** The result of the last restore drill of one copy of a backup. Times: ms since the Unix epoch. */
export interface DrillRecord {
  at: number;
  ok: boolean;
  /** Notes the drill restored; null for a failure. */
  noteCount: number | null;
  attachmentCount?: number | null;
  /** For a failure, one sentence naming the file and what failed; null for a success. */
  message: string | null;
  details?: string;
}

/** One destination's copy of a backup. */
export interface CopyRecord {
  /** verified: written (or copied) and its whole-file hash checked; missing: the destination was unreachable. */
  state: 'verified' | 'pending' | 'failed' | 'missing';
  at: number;
  message?: string;
  details?: string;
  /** When a cloud-sync folder's copy was re-hashed after the sync client settled. */
  settledCheckAt?: number;
  lastDrill?: DrillRecord;
  /**
   * This copy's own size and whole-file SHA-256, only when they differ from the entry's: a passkey
   * change rewrote its header in place (the drill proved it is the same backup). Read them with
   * copyExpectation, never the entry's alone.
   */
  size?: number;
  fileSha256?: string;
}

export interface CatalogueEntry {
  /** The file name (no folder): the same in every destination. */
  name: string;
  kind: BackupKind;
  /** ISO 8601, from the backup's metadata. */
  createdAt: string;
  size: number;
  /** SHA-256 of the whole encrypted file, 64 lowercase hex digits. */
  fileSha256: string;
  noteCount: number;
  /** The device key (sealed for scheduled backups) opens it, so an unattended drill can. */
  openWithDevice: boolean;
  /** Keyed by destination id ('primary' or an extra destination's id). */
  copies: Record<string, CopyRecord>;
}

const time = z.number().int().nonnegative();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().nonnegative();
const message = z
  .string()
  .transform((text) =>
    text.length > MAX_CATALOGUE_MESSAGE_CHARS ? `${text.slice(0, MAX_CATALOGUE_MESSAGE_CHARS - 1)}…` : text,
  );
const details = z.string().optional().transform(boundDetails);

const drillRecord = z.object({
  at: time,
  ok: z.boolean(),
  noteCount: count.nullable(),
  attachmentCount: count.nullable().optional(),
  message: message.nullable(),
  details,
});
const copyRecord = z.object({
  state: z.enum(['verified', 'pending', 'failed', 'missing']),
  at: time,
  message: message.optional(),
  details,
  settledCheckAt: time.optional(),
  lastDrill: drillRecord.optional(),
  size: count.optional(),
  fileSha256: sha256.optional(),
});
const fileFacts = z.object({ size: count, fileSha256: sha256 });
const entryFields = z.object({
  name: z
    .string()
    .max(MAX_NAME_CHARS)
    .refine((name) => isBackupFileName(name) && !/[/\\]/.test(name) && name !== '..', {
      error: 'A catalogue name is a backup file name without a folder.',
    }),
  kind: z.enum(BACKUP_KINDS),
  createdAt: z.iso.datetime(),
  size: count,
  fileSha256: sha256,
  noteCount: count,
  openWithDevice: z.boolean(),
});
const entrySchema = entryFields.extend({
  copies: z.record(destinationIdSchema, copyRecord),
});
const catalogueFile = z.object({
  version: z.literal(1),
  entries: z.array(entrySchema).max(MAX_CATALOGUE_ENTRIES),
});

export interface BackupCatalogueOptions extends FileLayerOptions {
  log?: (message: string) => void;
  /** For copy times of recordWritten; default Date.now. */
  now?: () => number;
}

// Newest first; equal times by name, so the order (and the file) is deterministic.
function newestFirst(a: CatalogueEntry, b: CatalogueEntry): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  return byTime !== 0 ? byTime : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function bounded(entries: CatalogueEntry[]): CatalogueEntry[] {
  return entries.sort(newestFirst).slice(0, MAX_CATALOGUE_ENTRIES);
}

async function loadEntries(file: string, options: BackupCatalogueOptions): Promise<CatalogueEntry[]> {
  const log = options.log ?? ((text: string) => console.warn(text));
  const io = retryingFs(options.fs ?? nodeFileSystem, options.retry);
  let text: string;
  try {
    const handle = await io.open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_CATALOGUE_BYTES) {
        log(
          `Ignored the backup catalogue "${file}": it is ${size} bytes, more than NoteVault writes; it starts afresh.`,
        );
        return [];
      }
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (underlyingCode(error) !== 'ENOENT')
      log(`Could not read the backup catalogue "${file}": ${String(error)}`);
    return [];
  }
  try {
    return bounded(catalogueFile.parse(JSON.parse(text)).entries);
  } catch {
    log(`Ignored the damaged backup catalogue "${file}"; the next backups and drills start it afresh.`);
    return [];
  }
}

export class BackupCatalogue {
  private writing: Promise<void> | undefined;
  private dirty = false;
  private readonly changes = new Listeners<readonly CatalogueEntry[]>();
  private readonly now: () => number;

  private constructor(
    private readonly file: string,
    private list: CatalogueEntry[],
    private readonly options: BackupCatalogueOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  static async open(file: string, options: BackupCatalogueOptions = {}): Promise<BackupCatalogue> {
    return new BackupCatalogue(file, await loadEntries(file, options), options);
  }

  /** Every catalogued backup, newest first. */
  entries(): readonly CatalogueEntry[] {
    return this.list;
  }

  get(name: string): CatalogueEntry | undefined {
    return this.list.find((entry) => entry.name === name);
  }

  /**
   * A backup was written and read back in `destinationId`: its copy there is verified. The same
   * name again with the same hash keeps the other destinations' copies; with another hash it is
   * another file under an old name, so the old copies and drills no longer describe it.
   */
  async recordWritten(entry: Omit<CatalogueEntry, 'copies'>, destinationId: string): Promise<void> {
    const fields = entryFields.parse(entry);
    const id = destinationIdSchema.parse(destinationId);
    const previous = this.get(fields.name);
    const copies = previous?.fileSha256 === fields.fileSha256 ? { ...previous.copies } : {};
    copies[id] = { state: 'verified', at: this.now() };
    return this.change(fields.name, { ...fields, copies });
  }

  /** The copy of `name` in `destinationId` (a backup the catalogue does not know is ignored). */
  async recordCopy(name: string, destinationId: string, copy: CopyRecord): Promise<void> {
    const id = destinationIdSchema.parse(destinationId);
    const parsed = copyRecord.parse(copy);
    return this.update(name, (entry) => {
      // A new copy keeps the last drill of the file there unless the caller says otherwise.
      const lastDrill = parsed.lastDrill ?? entry.copies[id]?.lastDrill;
      return {
        ...entry,
        copies: { ...entry.copies, [id]: { ...parsed, ...(lastDrill ? { lastDrill } : {}) } },
      };
    });
  }

  /**
   * The drill of `name`'s copy in `destinationId`; ignored for a copy the catalogue does not know.
   * `file`: the size and hash the drill read, when its header was rewritten in place (a passkey
   * change): kept on that copy, so its later checks expect the bytes it now has.
   */
  async recordDrill(
    name: string,
    destinationId: string,
    drill: DrillRecord,
    file?: { size: number; fileSha256: string },
  ): Promise<void> {
    const id = destinationIdSchema.parse(destinationId);
    const parsed = drillRecord.parse(drill);
    const facts = file === undefined ? undefined : fileFacts.parse(file);
    return this.update(name, (entry) => {
      const copy = entry.copies[id];
      if (copy === undefined) return undefined;
      const own = facts === undefined ? copy : withOwnBytes(entry, copy, facts);
      return { ...entry, copies: { ...entry.copies, [id]: { ...own, lastDrill: parsed } } };
    });
  }

  /**
   * A passkey change rewrote the header of `name`'s copy in `destinationId` in place and read back
   * `file` (its size and whole-file SHA-256): that copy's checks expect these bytes from now on,
   * by the same rule as a drill that found its header rewritten. Ignored for a copy the catalogue
   * does not know.
   */
  async recordRewritten(
    name: string,
    destinationId: string,
    file: { size: number; fileSha256: string },
  ): Promise<void> {
    const id = destinationIdSchema.parse(destinationId);
    const facts = fileFacts.parse(file);
    return this.update(name, (entry) => {
      const copy = entry.copies[id];
      if (copy === undefined) return undefined;
      return { ...entry, copies: { ...entry.copies, [id]: withOwnBytes(entry, copy, facts) } };
    });
  }

  /** Retention deleted `name` in `destinationId`; with no copy left the entry goes. */
  forget(name: string, destinationId: string): Promise<void> {
    return this.update(name, (entry) =>
      destinationId in entry.copies ? withoutCopy(entry, destinationId) : undefined,
    );
  }

  /** forget() for many names in one write: the destination's folder changed, say. */
  forgetMany(names: Iterable<string>, destinationId: string): Promise<void> {
    const goes = new Set(names);
    const held = (entry: CatalogueEntry) => goes.has(entry.name) && destinationId in entry.copies;
    if (!this.list.some(held)) return this.writing ?? Promise.resolve();
    return this.replaceAll(
      this.list.flatMap((entry) => (held(entry) ? (withoutCopy(entry, destinationId) ?? []) : [entry])),
    );
  }

  onDidChange(listener: (entries: readonly CatalogueEntry[]) => void): () => void {
    return this.changes.on(listener);
  }

  /** Resolves when the newest state has been written (or failed); for quitting. */
  async flush(): Promise<void> {
    await this.writing;
  }

  // `apply` returns the new entry, null to remove it, or undefined for "nothing to change".
  private update(
    name: string,
    apply: (entry: CatalogueEntry) => CatalogueEntry | null | undefined,
  ): Promise<void> {
    const entry = this.get(name);
    if (entry === undefined) return this.writing ?? Promise.resolve();
    const next = apply(entry);
    if (next === undefined) return this.writing ?? Promise.resolve();
    return this.change(name, next);
  }

  private change(name: string, next: CatalogueEntry | null): Promise<void> {
    const others = this.list.filter((entry) => entry.name !== name);
    return this.replaceAll(next === null ? others : [...others, next]);
  }

  private replaceAll(entries: CatalogueEntry[]): Promise<void> {
    this.list = bounded(entries);
    this.changes.fire(this.list);
    this.dirty = true;
    this.writing ??= this.drain();
    return this.writing;
  }

  // One write at a time, always of the newest state: changes made during a write coalesce.
  private async drain(): Promise<void> {
    const log = this.options.log ?? ((text: string) => console.warn(text));
    while (this.dirty) {
      this.dirty = false;
      try {
        await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, entries: this.list }, null, 1)}\n`, {
          fs: this.options.fs,
          retry: this.options.retry,
        });
      } catch (error) {
        log(`Could not save the backup catalogue to "${this.file}": ${String(error)}`);
      }
    }
    this.writing = undefined;
  }
}

/**
 * `copy` with its own size and hash when `facts` (the bytes it has now) differ from the entry's,
 * without them when they are the entry's again: what copyExpectation reads.
 */
function withOwnBytes(
  entry: CatalogueEntry,
  copy: CopyRecord,
  facts: { size: number; fileSha256: string },
): CopyRecord {
  const { size: _size, fileSha256: _hash, ...rest } = copy;
  return facts.fileSha256 === entry.fileSha256 && facts.size === entry.size ? rest : { ...rest, ...facts };
}

/** `entry` without its copy in `destinationId`, or null when that was its last copy. */
function withoutCopy(entry: CatalogueEntry, destinationId: string): CatalogueEntry | null {
  const copies = Object.fromEntries(Object.entries(entry.copies).filter(([id]) => id !== destinationId));
  return Object.keys(copies).length === 0 ? null : { ...entry, copies };
}

/** The size and whole-file SHA-256 the copy of `entry` in `destinationId` should have now. */
export function copyExpectation(
  entry: CatalogueEntry,
  destinationId: string,
): { size: number; fileSha256: string } {
  const copy = entry.copies[destinationId];
  return copy?.fileSha256 !== undefined && copy.size !== undefined
    ? { size: copy.size, fileSha256: copy.fileSha256 }
    : { size: entry.size, fileSha256: entry.fileSha256 };
}

/** The newest drill among `entries`' copies (optionally of one destination), or null if none was drilled. */
export function newestDrill(
  entries: readonly CatalogueEntry[],
  destinationId?: string,
): { name: string; destinationId: string; drill: DrillRecord } | null {
  let best: { name: string; destinationId: string; drill: DrillRecord } | null = null;
  for (const entry of entries) {
    for (const [id, copy] of Object.entries(entry.copies)) {
      if (destinationId !== undefined && id !== destinationId) continue;
      if (copy.lastDrill !== undefined && (best === null || copy.lastDrill.at > best.drill.at)) {
        best = { name: entry.name, destinationId: id, drill: copy.lastDrill };
      }
    }
  }
  return best;
}

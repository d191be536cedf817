import type Database from 'better-sqlite3';
import { toNoteVaultError } from '../db/database-errors';

const MIB = 1024 * 1024;

/**
 * How an import shares the database's one write lock with the window. A transaction holding it
 * for a whole import (19 s for 10,000 Markdown notes) made the window's saves give up after the
 * 5 s busy timeout; in short batches with rests between, a save waits at most about one batch.
 */
export const IMPORT_BATCH_LIMITS = {
  /** A batch is committed once its writes have taken this long... */
  maxHoldMs: 200,
  /** ...or it holds this many notes, or this many bytes of text and attachments. */
  maxNotes: 1000,
  maxBytes: 32 * MIB,
  /**
   * Then the lock stays free this long while the source is read on. SQLite's busy handler
   * retries at most 50 ms apart in a wait's first 228 ms (so after a batch of up to 220 ms), then 100 ms apart (sqlite3's
   * sqliteDefaultBusyCallback), so a connection that began waiting during the batch tries
   * again within the rest; a batch that held the lock longer (one huge note) rests longer.
   */
  restMs: 60,
  /** The rest after a batch that held the lock longer than this (one huge note). */
  longRestAfterMs: 220,
  longRestMs: 110,
};

export type BatchLimits = typeof IMPORT_BATCH_LIMITS;

interface Pending {
  bytes: number;
  step: () => void;
}

/**
 * Writes an import's notes in bounded batches, each its own short transaction. A step is one
 * note with everything that belongs to it (attachments, tags, versions), so a crash between
 * batches leaves whole notes, never half of one. Steps are queued while the lock rests and run
 * in one burst after it; a transaction is never open across an await, so the lock is held only
 * while SQLite writes, never while the source is read. A step that throws ends the import: the
 * open batch is rolled back (rollback()) and what earlier batches committed is the caller's.
 */
export class ImportBatches {
  private readonly queue: Pending[] = [];
  private queuedBytes = 0;
  private restUntil = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly limits: BatchLimits = IMPORT_BATCH_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Queues `step` (a note of about `bytes`) and, unless the lock is resting, writes a batch.
   * While it rests the caller reads on, unless a batch's worth is already queued.
   */
  async add(bytes: number, step: () => void): Promise<void> {
    this.queue.push({ bytes, step });
    this.queuedBytes += bytes;
    const full = this.queue.length >= this.limits.maxNotes || this.queuedBytes >= this.limits.maxBytes;
    if (this.clock() < this.restUntil) {
      if (!full) return;
      await this.rest();
    }
    this.writeBatch();
  }

  /** Writes whatever is still queued, resting between batches. */
  async finish(): Promise<void> {
    while (this.queue.length > 0) {
      await this.rest();
      this.writeBatch();
    }
  }

  /** Rolls back a batch a failed step left open. */
  rollback(): void {
    // SQLite may already have rolled back (disk full); the original error is the one to report.
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  private async rest(): Promise<void> {
    const wait = this.restUntil - this.clock();
    // A real timer, not a microtask: the waiting connection lives in another thread or process.
    if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
  }

  private writeBatch(): void {
    const started = this.clock();
    let notes = 0;
    let bytes = 0;
    begin(this.db);
    while (this.queue.length > 0) {
      const next = this.queue.shift() as Pending;
      this.queuedBytes -= next.bytes;
      next.step();
      notes += 1;
      bytes += next.bytes;
      if (
        notes >= this.limits.maxNotes ||
        bytes >= this.limits.maxBytes ||
        this.clock() - started >= this.limits.maxHoldMs
      )
        break;
    }
    this.db.exec('COMMIT');
    const held = this.clock() - started;
    this.restUntil =
      this.clock() + (held > this.limits.longRestAfterMs ? this.limits.longRestMs : this.limits.restMs);
  }
}

function begin(db: Database.Database): void {
  try {
    // IMMEDIATE: the lock is taken (or waited for, within the busy timeout) before any write.
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw toNoteVaultError(error, db.name);
  }
}

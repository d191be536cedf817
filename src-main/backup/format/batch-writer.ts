import { NoteVaultError } from '../../../src-shared/errors';

/** Writes `bytes` at file offset `position` completely, or rejects. */
export type WriteAt = (bytes: Uint8Array, position: number) => Promise<void>;

const BATCH_BYTES = 1024 * 1024;

/**
 * Sequential file writer with two buffers allocated once: one fills while the other is
 * being written, so small pieces do not cost a system call each, producing the next batch
 * overlaps with writing the last, and writing a file of any size allocates nothing more.
 */
export class BatchWriter {
  private readonly buffers: [Buffer, Buffer];
  private current: 0 | 1 = 0;
  private used = 0;
  private position = 0;
  private inFlight: Promise<void> = Promise.resolve();

  /** `largestPiece`: the most one reserve() or append() will ask for at a time. */
  constructor(
    private readonly writeAt: WriteAt,
    largestPiece: number,
  ) {
    const size = Math.max(BATCH_BYTES, largestPiece);
    this.buffers = [Buffer.alloc(size), Buffer.alloc(size)];
  }

  /** Bytes handed to the writer so far, written, in flight or still buffered. */
  get bytesQueued(): number {
    return this.position + this.used;
  }

  /**
   * Room for `length` bytes: the buffer and the offset at which to fill them in place, then
   * call commit(length). Valid until the next reserve, append or finish.
   */
  async reserve(length: number): Promise<{ buffer: Buffer; at: number }> {
    const capacity = this.buffers[0].length;
    if (length > capacity) {
      throw new NoteVaultError(
        'INTERNAL',
        `A piece of ${length} bytes is larger than the ${capacity}-byte batch.`,
      );
    }
    if (this.used + length > capacity) await this.flush();
    return { buffer: this.buffers[this.current], at: this.used };
  }

  commit(length: number): void {
    this.used += length;
  }

  /** Copies `bytes` in; the caller may reuse its array as soon as this resolves. */
  async append(bytes: Uint8Array): Promise<void> {
    const length = bytes.length;
    const { buffer, at } = await this.reserve(length);
    // `bytes` may be a view into WebAssembly memory (a decrypted chunk); if that memory had
    // grown while reserve waited, the view would now be detached and read as empty.
    if (bytes.length !== length) {
      throw new NoteVaultError('INTERNAL', 'The data to write was released before it could be copied.');
    }
    buffer.set(bytes, at);
    this.commit(length);
  }

  /** Writes everything buffered and waits until the last write has completed. */
  async finish(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }

  /** Waits for a write still in flight, ignoring its outcome, so the file can be closed. */
  async settle(): Promise<void> {
    await this.inFlight.catch(() => undefined);
  }

  /** Zeroes both buffers; for writers that carried plaintext. Call after settle(). */
  wipe(): void {
    for (const buffer of this.buffers) buffer.fill(0);
  }

  private async flush(): Promise<void> {
    // The other buffer's write must be done before it can be handed out again.
    await this.inFlight;
    if (this.used === 0) return;
    const bytes = this.buffers[this.current].subarray(0, this.used);
    const at = this.position;
    this.position += this.used;
    this.used = 0;
    this.current = this.current === 0 ? 1 : 0;
    this.inFlight = this.writeAt(bytes, at);
    // Awaited by the next flush or by finish/settle; never left as an unhandled rejection.
    this.inFlight.catch(() => undefined);
  }
}

import type { FileHandle } from 'node:fs/promises';
import { readInto } from './file-io';

const BLOCK_SIZE = 1024 * 1024;

/**
 * Sequential reader that always has the next block read in flight, so disk reads overlap
 * with encryption or decryption. It owns two blocks and a scratch buffer, allocated once
 * and reused, so reading a file of any size allocates nothing more; the price is that what
 * `take` returns is only valid until the next `take`.
 */
export class BufferedFileReader {
  // Plain Uint8Arrays, not Buffers: a caller's .slice() must copy (Buffer#slice is a view).
  private readonly blocks: [Uint8Array, Uint8Array] = [
    new Uint8Array(BLOCK_SIZE),
    new Uint8Array(BLOCK_SIZE),
  ];
  /** Index in `blocks` of the block being served; the other one is being read into. */
  private current: 0 | 1 = 0;
  private block: Uint8Array = new Uint8Array(0);
  private blockPos = 0;
  private nextReadAt: number;
  private prefetch: Promise<Uint8Array> | null = null;
  private consumed: number;
  private scratch = new Uint8Array(0);

  constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
    startAt: number,
    /** Sees every byte `take` returns, once, in file order (e.g. to hash the file as read). */
    private readonly observe?: (bytes: Uint8Array) => void,
  ) {
    this.nextReadAt = startAt;
    this.consumed = startAt;
  }

  /** File offset of the next byte `take` returns. */
  get offset(): number {
    return this.consumed;
  }

  /**
   * Exactly `length` bytes, or fewer if the file ends first (the caller decides what that
   * means). Valid only until the next call: usually a view into the current block; a
   * request that straddles two blocks is assembled in the scratch buffer.
   */
  async take(length: number): Promise<Uint8Array> {
    // Load the next block before serving, so a request starting at a block boundary (every
    // call of the 1 MiB hashing pass) is a view rather than a copy.
    if (length > 0 && this.blockPos === this.block.length) await this.advance();
    const available = this.block.length - this.blockPos;
    if (length <= available) {
      const view = this.block.subarray(this.blockPos, this.blockPos + length);
      this.blockPos += length;
      this.consumed += length;
      this.observe?.(view);
      return view;
    }
    if (available === 0) return new Uint8Array(0); // the file has ended
    if (this.scratch.length < length) {
      this.scratch.fill(0);
      this.scratch = new Uint8Array(length);
    }
    const out = this.scratch;
    let filled = 0;
    while (filled < length && this.blockPos < this.block.length) {
      const count = Math.min(length - filled, this.block.length - this.blockPos);
      out.set(this.block.subarray(this.blockPos, this.blockPos + count), filled);
      this.blockPos += count;
      filled += count;
      if (filled < length) await this.advance();
    }
    this.consumed += filled;
    const taken = out.subarray(0, filled);
    this.observe?.(taken);
    return taken;
  }

  /**
   * Ends the reader: waits for the read still in flight (so the caller can close the file
   * safely), then zeroes every buffer, which may have held plaintext.
   */
  async settle(): Promise<void> {
    await this.prefetch?.catch(() => undefined);
    this.prefetch = null;
    this.block = new Uint8Array(0);
    this.blockPos = 0;
    for (const buffer of [...this.blocks, this.scratch]) buffer.fill(0);
  }

  /** Makes the next block current (empty once the file has ended) and starts reading the one after. */
  private async advance(): Promise<void> {
    const pending = this.prefetch ?? this.readBlock(this.current === 0 ? 1 : 0);
    this.prefetch = null;
    this.block = await pending;
    this.current = this.current === 0 ? 1 : 0;
    this.blockPos = 0;
    // The block just left is free again: the caller's views into it ended with this take.
    if (this.block.length > 0) this.prefetch = this.readBlock(this.current === 0 ? 1 : 0);
  }

  private readBlock(index: 0 | 1): Promise<Uint8Array> {
    const at = this.nextReadAt;
    this.nextReadAt += BLOCK_SIZE;
    const target = this.blocks[index];
    const read = readInto(this.handle, target, at, this.path).then((filled) => target.subarray(0, filled));
    // If nobody ends up awaiting it (an error stopped the caller), its failure must not
    // surface as an unhandled rejection; whoever awaits it still sees the error.
    read.catch(() => undefined);
    return read;
  }
}

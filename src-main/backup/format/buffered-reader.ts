import type { FileHandle } from 'node:fs/promises';
import { readUpTo } from './file-io';

const BLOCK_SIZE = 1024 * 1024;

/**
 * Sequential reader that always has the next block read in flight, so disk reads overlap
 * with decryption. Memory stays at two blocks plus whatever one `take` straddling two blocks
 * asks for, however large the file is.
 */
export class BufferedFileReader {
  private block: Uint8Array = new Uint8Array(0);
  private blockPos = 0;
  private nextReadAt: number;
  private prefetch: Promise<Uint8Array> | null = null;
  private consumed: number;

  constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
    startAt: number,
  ) {
    this.nextReadAt = startAt;
    this.consumed = startAt;
  }

  /** File offset of the next byte `take` returns. */
  get offset(): number {
    return this.consumed;
  }

  /**
   * Exactly `length` bytes, or fewer if the file ends first (the caller decides what that means).
   * Usually a view into the current block: blocks are never reused, so a view stays valid
   * after later reads. Only a request that straddles two blocks is copied into a new array.
   */
  async take(length: number): Promise<Uint8Array> {
    // Load the next block before serving, so a request starting at a block boundary (every
    // call of the 1 MiB hashing pass) is a view rather than a fresh 1 MiB copy.
    if (length > 0 && this.blockPos === this.block.length) await this.advance();
    const available = this.block.length - this.blockPos;
    if (length <= available) {
      const view = this.block.subarray(this.blockPos, this.blockPos + length);
      this.blockPos += length;
      this.consumed += length;
      return view;
    }
    if (available === 0) return new Uint8Array(0); // the file has ended
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length && this.blockPos < this.block.length) {
      const count = Math.min(length - filled, this.block.length - this.blockPos);
      out.set(this.block.subarray(this.blockPos, this.blockPos + count), filled);
      this.blockPos += count;
      filled += count;
      if (filled < length) await this.advance();
    }
    this.consumed += filled;
    return filled === length ? out : out.subarray(0, filled);
  }

  /** Waits for the read still in flight, so the caller can close the handle safely. */
  async settle(): Promise<void> {
    await this.prefetch?.catch(() => undefined);
    this.prefetch = null;
  }

  /** Makes the next block current (empty once the file has ended) and starts reading the one after. */
  private async advance(): Promise<void> {
    const pending = this.prefetch ?? this.readBlock();
    this.prefetch = null;
    this.block = await pending;
    this.blockPos = 0;
    if (this.block.length > 0) this.prefetch = this.readBlock();
  }

  private readBlock(): Promise<Uint8Array> {
    const at = this.nextReadAt;
    this.nextReadAt += BLOCK_SIZE;
    const read = readUpTo(this.handle, BLOCK_SIZE, at, this.path);
    // If nobody ends up awaiting it (an error stopped the caller), its failure must not
    // surface as an unhandled rejection; whoever awaits it still sees the error.
    read.catch(() => undefined);
    return read;
  }
}

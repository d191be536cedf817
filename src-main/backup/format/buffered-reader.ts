import type { FileHandle } from 'node:fs/promises';
import { readUpTo } from './file-io';

const BLOCK_SIZE = 1024 * 1024;

/**
 * Sequential reader that always has the next block read in flight, so disk reads overlap
 * with decryption. Memory stays at two blocks plus whatever one `take` asks for, however
 * large the file is.
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

  /** Exactly `length` bytes, or fewer if the file ends first (the caller decides what that means). */
  async take(length: number): Promise<Uint8Array> {
    const available = this.block.length - this.blockPos;
    if (length <= available) {
      // A view, not a copy: blocks are never reused, so the view stays valid.
      const view = this.block.subarray(this.blockPos, this.blockPos + length);
      this.blockPos += length;
      this.consumed += length;
      return view;
    }
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      if (this.blockPos === this.block.length) {
        this.block = await this.nextBlock();
        this.blockPos = 0;
        if (this.block.length === 0) break;
      }
      const count = Math.min(length - filled, this.block.length - this.blockPos);
      out.set(this.block.subarray(this.blockPos, this.blockPos + count), filled);
      this.blockPos += count;
      filled += count;
    }
    this.consumed += filled;
    return filled === length ? out : out.subarray(0, filled);
  }

  /** Waits for the read still in flight, so the caller can close the handle safely. */
  async settle(): Promise<void> {
    await this.prefetch?.catch(() => undefined);
    this.prefetch = null;
  }

  private async nextBlock(): Promise<Uint8Array> {
    const pending = this.prefetch ?? this.readBlock();
    this.prefetch = null;
    const block = await pending;
    if (block.length > 0) this.prefetch = this.readBlock();
    return block;
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

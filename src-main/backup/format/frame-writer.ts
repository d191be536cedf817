import type { FileHandle } from 'node:fs/promises';
import { encodeFrameLength } from './frames';
import { writeAll } from './file-io';

const FLUSH_AT = 1024 * 1024;

/**
 * Collects framed chunks and writes them about 1 MiB at a time, with at most one write in
 * flight, so small chunks do not cost one system call each and encrypting the next batch
 * overlaps with writing the previous one.
 */
export class FrameWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private position = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  /** Bytes handed to the file so far, written or in flight. */
  get bytesQueued(): number {
    return this.position + this.pendingBytes;
  }

  /** Appends raw bytes (the cleartext header) without a length frame. */
  async addRaw(bytes: Uint8Array): Promise<void> {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_AT) await this.flush();
  }

  async addFrame(ciphertext: Uint8Array): Promise<void> {
    this.pending.push(encodeFrameLength(ciphertext.length), ciphertext);
    this.pendingBytes += ciphertext.length + 4;
    if (this.pendingBytes >= FLUSH_AT) await this.flush();
  }

  /** Writes everything queued and waits until it is on its way to the disk. */
  async finish(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }

  /** Waits for a write still in flight, ignoring its outcome, so the handle can be closed. */
  async settle(): Promise<void> {
    await this.inFlight.catch(() => undefined);
  }

  private async flush(): Promise<void> {
    await this.inFlight;
    if (this.pendingBytes === 0) return;
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    const at = this.position;
    this.position += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.inFlight = writeAll(this.handle, bytes, at, this.path);
    // Awaited by the next flush or by finish/settle; never left as an unhandled rejection.
    this.inFlight.catch(() => undefined);
  }
}

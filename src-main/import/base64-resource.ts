import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';

/**
 * An Evernote resource's base64 text decoded as it arrives, hashed with MD5 (what `<en-media
 * hash>` names) and SHA-256 (what NoteVault stores it by), and kept only while it fits the cap:
 * past the cap the bytes are dropped but still hashed and counted, so the note can say which
 * attachment was too large and by how much, without holding it.
 */
export class Base64Resource {
  private pending = '';
  private readonly md5: Hash = createHash('md5');
  private readonly sha256: Hash = createHash('sha256');
  private readonly chunks: Buffer[] = [];
  size = 0;

  constructor(private readonly capBytes: number) {}

  write(text: string): void {
    // Base64 in XML is wrapped in lines; anything outside the alphabet is layout.
    const clean = this.pending + text.replace(/[^A-Za-z0-9+/=]/g, '');
    const whole = clean.length - (clean.length % 4);
    this.pending = clean.slice(whole);
    if (whole > 0) this.take(Buffer.from(clean.slice(0, whole), 'base64'));
  }

  /** Ends the data; `bytes` is null when the resource was larger than the cap. */
  finish(): { md5: string; sha256: string; size: number; bytes: Buffer | null } {
    if (this.pending !== '') this.take(Buffer.from(this.pending, 'base64'));
    this.pending = '';
    return {
      md5: this.md5.digest('hex'),
      sha256: this.sha256.digest('hex'),
      size: this.size,
      bytes: this.size > this.capBytes ? null : Buffer.concat(this.chunks),
    };
  }

  private take(bytes: Buffer): void {
    this.md5.update(bytes);
    this.sha256.update(bytes);
    this.size += bytes.length;
    if (this.size <= this.capBytes) this.chunks.push(bytes);
    else this.chunks.length = 0;
  }
}

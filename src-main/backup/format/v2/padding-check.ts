import { MAX_CHUNK_SIZE } from '../format-constants';
import { damagedAt } from '../frames';
import { padme } from './padme';

/**
 * The reader's side of v2 padding (docs/backup-format.md section 17 steps 13-14): the data
 * chunks carry `plaintextSize` payload bytes, then zeros up to padme(plaintextSize), and
 * nothing else. Splits each decrypted chunk into its payload part (hashed and handed on) and
 * its padding (checked to be zero), and refuses as soon as the bytes run past the padded
 * length, and at the final chunk if they fall short of it.
 */
export class PaddingCheck {
  private readonly padded: number;
  private decrypted = 0;
  /** memcmp against this beats a byte loop; allocated only when the file has padding. */
  private zeros: Buffer | undefined;

  constructor(
    private readonly plaintextSize: number,
    private readonly fileLabel: string,
  ) {
    this.padded = padme(plaintextSize);
  }

  /** The payload bytes in `message` (a view of it); throws BACKUP_DAMAGED on bad padding. */
  payloadOf(message: Uint8Array, frameOffset: number, chunkIndex: number): Uint8Array {
    const start = this.decrypted;
    const end = start + message.length;
    if (end > this.padded) {
      throw damagedAt(
        this.fileLabel,
        frameOffset,
        chunkIndex,
        `the data runs to ${end} bytes, past the ${this.padded} bytes that ${this.plaintextSize} bytes of data and ` +
          'their padding take; the padding does not match the metadata',
      );
    }
    this.decrypted = end;
    const payloadBytes = Math.max(0, Math.min(message.length, this.plaintextSize - start));
    const padding = message.subarray(payloadBytes);
    if (padding.length > 0 && !this.allZero(padding)) {
      const at = start + payloadBytes + padding.findIndex((byte) => byte !== 0);
      throw damagedAt(
        this.fileLabel,
        frameOffset,
        chunkIndex,
        `padding byte ${at} of the data is not zero; the padding does not match the metadata`,
      );
    }
    return message.subarray(0, payloadBytes);
  }

  /** At the final chunk: the data and padding together must be exactly padme(plaintextSize). */
  finish(frameOffset: number, chunkIndex: number): void {
    if (this.decrypted !== this.padded) {
      throw damagedAt(
        this.fileLabel,
        frameOffset,
        chunkIndex,
        `the data ends after ${this.decrypted} bytes, but ${this.plaintextSize} bytes of data and their padding ` +
          `take ${this.padded}; the file was cut short or the padding does not match the metadata`,
      );
    }
  }

  private allZero(bytes: Uint8Array): boolean {
    this.zeros ??= Buffer.alloc(Math.min(MAX_CHUNK_SIZE, this.padded - this.plaintextSize));
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(
      this.zeros.subarray(0, bytes.length),
    );
  }
}

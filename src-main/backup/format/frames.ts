import { NoteVaultError } from '../../../src-shared/errors';
import type { BufferedFileReader } from './buffered-reader';
import { ABYTES, FRAME_LENGTH_BYTES, MAX_FRAME_CIPHERTEXT } from './format-constants';

/** A damaged-backup error that says where: byte offset of the chunk's frame and its index. */
export function damagedAt(
  fileLabel: string,
  offset: number,
  chunkIndex: number,
  detail: string,
): NoteVaultError {
  return new NoteVaultError(
    'BACKUP_DAMAGED',
    `The backup ${fileLabel} is damaged at byte offset ${offset} (chunk ${chunkIndex}): ${detail}. ` +
      'Use another backup.',
  );
}

/** Writes the 4-byte little-endian length that precedes every ciphertext into `target` at `at`. */
export function writeFrameLength(target: Uint8Array, at: number, ciphertextLength: number): void {
  new DataView(target.buffer, target.byteOffset, target.byteLength).setUint32(at, ciphertextLength, true);
}

/** The same length field as a new array. */
export function encodeFrameLength(ciphertextLength: number): Uint8Array {
  const bytes = new Uint8Array(FRAME_LENGTH_BYTES);
  writeFrameLength(bytes, 0, ciphertextLength);
  return bytes;
}

export interface Frame {
  /** File offset of the frame's length field. */
  offset: number;
  ciphertext: Uint8Array;
}

/**
 * Reads the next length-framed chunk, or null when the file ends exactly at a frame
 * boundary. The length is bounded before anything is allocated for it, so a hostile
 * length field cannot make us reserve gigabytes.
 */
export async function readFrame(
  reader: BufferedFileReader,
  fileLabel: string,
  chunkIndex: number,
): Promise<Frame | null> {
  const offset = reader.offset;
  const lengthBytes = await reader.take(FRAME_LENGTH_BYTES);
  if (lengthBytes.length === 0) return null;
  if (lengthBytes.length < FRAME_LENGTH_BYTES) {
    throw damagedAt(fileLabel, offset, chunkIndex, "the file ends inside the chunk's 4-byte length field");
  }
  const length = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, FRAME_LENGTH_BYTES).getUint32(
    0,
    true,
  );
  if (length < ABYTES) {
    throw damagedAt(
      fileLabel,
      offset,
      chunkIndex,
      `the chunk length is ${length} bytes, shorter than the ${ABYTES} bytes every encrypted chunk needs`,
    );
  }
  if (length > MAX_FRAME_CIPHERTEXT) {
    throw damagedAt(
      fileLabel,
      offset,
      chunkIndex,
      `the chunk length is ${length} bytes, more than the ${MAX_FRAME_CIPHERTEXT} bytes a chunk may have`,
    );
  }
  const ciphertext = await reader.take(length);
  if (ciphertext.length < length) {
    throw damagedAt(
      fileLabel,
      offset,
      chunkIndex,
      `the file ends ${length - ciphertext.length} bytes before the end of this chunk; it was cut short`,
    );
  }
  return { offset, ciphertext };
}

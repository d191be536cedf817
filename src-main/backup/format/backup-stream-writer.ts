import { NoteVaultError } from '../../../src-shared/errors';
import { throwIfCancelled } from './abort';
import { BatchWriter } from './batch-writer';
import type { WriteAt } from './batch-writer';
import { ABYTES, FRAME_LENGTH_BYTES, HEADER_SIZE, TAG_FINAL, TAG_MESSAGE } from './format-constants';
import { writeFrameLength } from './frames';
import { encodeHeader } from './header';
import type { KdfParams } from './kdf';
import { encodeMetadata } from './metadata';
import type { BackupMetadata } from './metadata';
import { StreamEncryptor } from './secretstream';

/** The payload to encrypt, read front to back. */
export interface PayloadSource {
  size: number;
  /** The next `length` bytes: a view that only needs to stay valid until the next call. */
  read(length: number): Promise<Uint8Array>;
}

export interface StreamWriteOptions {
  chunkSize: number;
  /** Called about once per MiB of payload, at the start and at the end. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
}

const PROGRESS_STEP = 1024 * 1024;

/**
 * Writes one whole v1 backup (docs/backup-format.md) through `writeAt`: the cleartext
 * header, the metadata chunk with the header as its additional data (so altering any header
 * byte makes it fail), then the payload in `chunkSize` chunks, the last one tagged FINAL.
 * Each chunk is encrypted straight into the write batch, so nothing is allocated per chunk.
 * Both writers of the format (file-streaming and in-memory) go through here. Returns the
 * number of bytes written.
 */
export async function writeBackupStream(
  writeAt: WriteAt,
  key: Uint8Array,
  kdf: KdfParams,
  metadata: BackupMetadata,
  payload: PayloadSource,
  options: StreamWriteOptions,
): Promise<number> {
  const { chunkSize } = options;
  const metadataBytes = encodeMetadata(metadata);
  const largestChunk = Math.max(chunkSize, metadataBytes.length);
  const encryptor = await StreamEncryptor.start(key, largestChunk, HEADER_SIZE);
  const batch = new BatchWriter(writeAt, FRAME_LENGTH_BYTES + largestChunk + ABYTES);
  const frame = async (plaintext: Uint8Array, ad: Uint8Array | null, tag: number): Promise<void> => {
    const length = FRAME_LENGTH_BYTES + plaintext.length + ABYTES;
    const { buffer, at } = await batch.reserve(length);
    writeFrameLength(buffer, at, plaintext.length + ABYTES);
    encryptor.pushInto(plaintext, ad, tag, buffer, at + FRAME_LENGTH_BYTES);
    batch.commit(length);
  };
  try {
    const headerBytes = encodeHeader(kdf, encryptor.header);
    await batch.append(headerBytes);
    await frame(metadataBytes, headerBytes, TAG_MESSAGE);

    const size = payload.size;
    let done = 0;
    let reported = 0;
    options.onProgress?.(0, size);
    // do/while: an empty payload still gets its one (empty) final chunk.
    do {
      throwIfCancelled(options.signal, 'Writing the backup');
      const want = Math.min(chunkSize, size - done);
      const plaintext = await payload.read(want);
      if (plaintext.length !== want) {
        throw new NoteVaultError(
          'INTERNAL',
          `The payload gave ${plaintext.length} bytes where ${want} were due.`,
        );
      }
      done += want;
      await frame(plaintext, null, done === size ? TAG_FINAL : TAG_MESSAGE);
      if (done - reported >= PROGRESS_STEP) {
        reported = done;
        options.onProgress?.(done, size);
      }
    } while (done < size);
    await batch.finish();
    options.onProgress?.(size, size);
    return batch.bytesQueued;
  } finally {
    await batch.settle();
    encryptor.dispose();
  }
}

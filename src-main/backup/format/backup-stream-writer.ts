import { NoteVaultError } from '../../../src-shared/errors';
import { throwIfCancelled } from './abort';
import { BatchWriter } from './batch-writer';
import type { WriteAt } from './batch-writer';
import type { WriteKeys } from './encrypt-stream';
import { ABYTES, FRAME_LENGTH_BYTES, HEADER_SIZE, TAG_FINAL, TAG_MESSAGE } from './format-constants';
import { writeFrameLength } from './frames';
import { encodeHeader } from './header';
import { encodeMetadata, storedPayloadSize } from './metadata';
import type { BackupMetadata } from './metadata';
import { StreamEncryptor } from './secretstream';
import { encodeHeaderV2 } from './v2/header-v2';
import { FIXED_PART_BYTES } from './v2/v2-constants';
import { fileSubkeys } from './v2/way-in-keys';

/** The payload to encrypt, read front to back. */
export interface PayloadSource {
  size: number;
  /** The next `length` bytes: a view that only needs to stay valid until the next call. */
  read(length: number): Promise<Uint8Array>;
}

export interface StreamWriteOptions {
  chunkSize: number;
  /** Called about once per MiB of stored payload (padding included), at the start and at the end. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
}

const PROGRESS_STEP = 1024 * 1024;
const NO_BYTES = new Uint8Array(0);

/** A started stream: its cleartext header and what chunk 0 authenticates of it. */
interface StartedStream {
  encryptor: StreamEncryptor;
  headerBytes: Uint8Array;
  chunk0Ad: Uint8Array;
}

async function startStream(keys: WriteKeys, largestChunk: number): Promise<StartedStream> {
  if (keys.formatVersion === 1) {
    // v1: the whole 64-byte header is chunk 0's additional data.
    const encryptor = await StreamEncryptor.start(keys.key, largestChunk, HEADER_SIZE);
    try {
      const headerBytes = encodeHeader(keys.kdf, encryptor.header);
      return { encryptor, headerBytes, chunk0Ad: headerBytes };
    } catch (error) {
      encryptor.dispose();
      throw error;
    }
  }
  // v2: the stream key comes from the file key; chunk 0 authenticates only the fixed part,
  // so the slots can be rewritten later (the header MAC covers them instead).
  const { streamKey, headerKey } = await fileSubkeys(keys.fileKey);
  headerKey.fill(0);
  let encryptor: StreamEncryptor;
  try {
    encryptor = await StreamEncryptor.start(streamKey, largestChunk, FIXED_PART_BYTES);
  } finally {
    streamKey.fill(0);
  }
  try {
    const headerBytes = await encodeHeaderV2(keys.fileKey, encryptor.header, keys.recipients);
    return { encryptor, headerBytes, chunk0Ad: headerBytes.subarray(0, FIXED_PART_BYTES) };
  } catch (error) {
    encryptor.dispose();
    throw error;
  }
}

/**
 * Writes one whole backup (docs/backup-format.md) through `writeAt`: the cleartext header,
 * the metadata chunk with the header (v2: its fixed part) as its additional data, then the
 * payload (v2: with its Padmé padding) in `chunkSize` chunks, the last one tagged FINAL.
 * Each chunk is encrypted straight into the write batch, so nothing is allocated per chunk.
 * Both writers of the format (file-streaming and in-memory) go through here. Returns the
 * number of bytes written.
 */
export async function writeBackupStream(
  writeAt: WriteAt,
  keys: WriteKeys,
  metadata: BackupMetadata,
  payload: PayloadSource,
  options: StreamWriteOptions,
): Promise<number> {
  const { chunkSize } = options;
  if (metadata.formatVersion !== keys.formatVersion || metadata.plaintextSize !== payload.size) {
    throw new NoteVaultError('INTERNAL', 'The backup metadata does not describe the payload being written.');
  }
  const metadataBytes = encodeMetadata(metadata);
  const largestChunk = Math.max(chunkSize, metadataBytes.length);
  const { encryptor, headerBytes, chunk0Ad } = await startStream(keys, largestChunk);
  const batch = new BatchWriter(writeAt, FRAME_LENGTH_BYTES + largestChunk + ABYTES);
  const frame = async (plaintext: Uint8Array, ad: Uint8Array | null, tag: number): Promise<void> => {
    const length = FRAME_LENGTH_BYTES + plaintext.length + ABYTES;
    const { buffer, at } = await batch.reserve(length);
    writeFrameLength(buffer, at, plaintext.length + ABYTES);
    encryptor.pushInto(plaintext, ad, tag, buffer, at + FRAME_LENGTH_BYTES);
    batch.commit(length);
  };
  let wipeScratch = (): void => undefined;
  try {
    await batch.append(headerBytes);
    await frame(metadataBytes, chunk0Ad, TAG_MESSAGE);

    const size = payload.size;
    // v2 chunks the payload and its zero padding together: one stream of `stored` bytes.
    const stored = storedPayloadSize(keys.formatVersion, size);
    const padding = new PaddedChunks(payload, Math.min(chunkSize, stored));
    wipeScratch = () => padding.wipe();
    let done = 0;
    let reported = 0;
    options.onProgress?.(0, stored);
    // do/while: an empty payload still gets its one (empty) final chunk.
    do {
      throwIfCancelled(options.signal, 'Writing the backup');
      const want = Math.min(chunkSize, stored - done);
      const plaintext = await padding.next(done, want);
      done += want;
      await frame(plaintext, null, done === stored ? TAG_FINAL : TAG_MESSAGE);
      if (done - reported >= PROGRESS_STEP) {
        reported = done;
        options.onProgress?.(done, stored);
      }
    } while (done < stored);
    await batch.finish();
    options.onProgress?.(stored, stored);
    return batch.bytesQueued;
  } finally {
    await batch.settle();
    encryptor.dispose();
    wipeScratch();
  }
}

/**
 * The stored bytes from `at`: payload bytes as the source gives them (no copy), then zeros.
 * Only the one chunk that holds both, and the padding-only chunks, go through `scratch`,
 * allocated once (only when there is padding), so writing stays free of per-chunk allocation.
 */
class PaddedChunks {
  private scratch: Uint8Array | undefined;

  constructor(
    private readonly payload: PayloadSource,
    private readonly scratchBytes: number,
  ) {}

  async next(at: number, want: number): Promise<Uint8Array> {
    const fromPayload = Math.max(0, Math.min(want, this.payload.size - at));
    const bytes = await this.read(fromPayload);
    if (fromPayload === want) return bytes;
    this.scratch ??= new Uint8Array(this.scratchBytes);
    const chunk = this.scratch.subarray(0, want);
    chunk.set(bytes, 0);
    chunk.fill(0, fromPayload);
    return chunk;
  }

  /** The scratch chunk may hold the payload's last bytes. */
  wipe(): void {
    this.scratch?.fill(0);
  }

  private async read(length: number): Promise<Uint8Array> {
    if (length === 0) return NO_BYTES;
    const bytes = await this.payload.read(length);
    if (bytes.length !== length) {
      throw new NoteVaultError(
        'INTERNAL',
        `The payload gave ${bytes.length} bytes where ${length} were due.`,
      );
    }
    return bytes;
  }
}

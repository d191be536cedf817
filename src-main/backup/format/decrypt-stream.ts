import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { NoteVaultError } from '../../../src-shared/errors';
import { throwIfCancelled } from './abort';
import { BufferedFileReader } from './buffered-reader';
import { openForReading } from './file-io';
import { HEADER_SIZE, KEY_BYTES, MAX_CHUNK_SIZE, TAG_FINAL, TAG_MESSAGE } from './format-constants';
import { damagedAt, readFrame } from './frames';
import { readAnyHeader } from './header';
import type { AnyBackupHeader } from './header';
import { assertMetadataPlausible, decodeMetadata } from './metadata';
import type { BackupMetadata } from './metadata';
import { StreamDecryptor } from './secretstream';
import { verifyHeaderMac } from './v2/header-v2';
import { PaddingCheck } from './v2/padding-check';
import { FIXED_PART_BYTES } from './v2/v2-constants';
import { fileSubkeys } from './v2/way-in-keys';

export interface DecryptOptions {
  /**
   * Receives each authenticated plaintext chunk in order. The array is reused for the next
   * chunk once the call (and the promise it returns) is done: copy what you keep. Data
   * passed here is only known to be complete once `decryptFile` resolves: a later chunk may
   * still turn out damaged or missing, so a sink writing a file must discard it if
   * `decryptFile` rejects.
   */
  onChunk?: (plaintext: Uint8Array) => Promise<void> | void;
  /** Called about once per MiB with the backup-file bytes processed. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
  /**
   * Also hash every byte of the file as it is read (header, metadata and chunks), so a caller
   * can prove the bytes it decrypted are the ones a person consented to (fileSha256).
   */
  hashFile?: boolean;
}

export interface DecryptResult {
  header: AnyBackupHeader;
  metadata: BackupMetadata;
  /** Measured over the decrypted payload; equal to metadata.plaintextSize or decryptFile throws. */
  plaintextSize: number;
  /** Measured over the decrypted payload; equal to metadata.plaintextSha256 or decryptFile throws. */
  plaintextSha256: string;
  /** SHA-256 (hex) of exactly the file bytes decrypted; only with `hashFile`. */
  fileSha256?: string;
}

const PROGRESS_STEP = 1024 * 1024;

/**
 * Decrypts and verifies a whole backup: header bound to the first chunk, every chunk's
 * authentication, a final chunk that ends the file exactly, bounded frame lengths, and the
 * payload's size and SHA-256 against the metadata; in v2 also the header MAC and the
 * padding. Memory use does not depend on file size.
 *
 * `key` is the v1 key derived from the passkey, or a v2 file's FILE key (unlockFileKey): the
 * header's version decides which it must be.
 */
export async function decryptFile(
  srcPath: string,
  key: Uint8Array,
  options: DecryptOptions = {},
): Promise<DecryptResult> {
  const handle = await openForReading(srcPath);
  try {
    const fileHash = options.hashFile === true ? createHash('sha256') : undefined;
    const opened = await openStream(handle, srcPath, key, fileHash && ((bytes) => fileHash.update(bytes)));
    const fileSize = (await handle.stat()).size;
    const { plaintextSize, plaintextSha256 } = await pullDataChunks(opened, srcPath, fileSize, options);
    if (
      plaintextSize !== opened.metadata.plaintextSize ||
      plaintextSha256 !== opened.metadata.plaintextSha256
    ) {
      throw new NoteVaultError(
        'BACKUP_DAMAGED',
        `The backup ${srcPath} is damaged: its data (${plaintextSize} bytes, SHA-256 ${plaintextSha256}) does not ` +
          `match what its metadata records (${opened.metadata.plaintextSize} bytes, SHA-256 ` +
          `${opened.metadata.plaintextSha256}). Use another backup.`,
      );
    }
    options.onProgress?.(fileSize, fileSize);
    return {
      header: opened.header,
      metadata: opened.metadata,
      plaintextSize,
      plaintextSha256,
      ...(fileHash === undefined ? {} : { fileSha256: fileHash.digest('hex') }),
    };
  } finally {
    await handle.close();
  }
}

/**
 * Section 8 steps 12-17 (v2: with section 17's padding rules): every data chunk in order up to
 * the final one, which must end the file. Returns the payload's measured size and SHA-256.
 */
async function pullDataChunks(
  opened: OpenedStream,
  srcPath: string,
  fileSize: number,
  options: DecryptOptions,
): Promise<{ plaintextSize: number; plaintextSha256: string }> {
  const { reader, decryptor, header } = opened;
  const padding =
    header.formatVersion === 2 ? new PaddingCheck(opened.metadata.plaintextSize, srcPath) : undefined;
  const hash = createHash('sha256');
  let plaintextSize = 0;
  let reported = 0;
  try {
    for (let index = 1; ; index++) {
      throwIfCancelled(options.signal, 'Reading the backup');
      const frame = await readFrame(reader, srcPath, index);
      if (frame === null) {
        throw damagedAt(
          srcPath,
          reader.offset,
          index,
          `the file ends after chunk ${index - 1} without the final chunk; it was cut short`,
        );
      }
      const result = decryptor.pull(frame.ciphertext, null);
      if (result === false) {
        throw damagedAt(
          srcPath,
          frame.offset,
          index,
          'the chunk failed authentication (its bytes were changed, or chunks were removed or reordered)',
        );
      }
      if (result.tag !== TAG_MESSAGE && result.tag !== TAG_FINAL) {
        throw damagedAt(
          srcPath,
          frame.offset,
          index,
          `the chunk has tag ${result.tag}, which format v${header.formatVersion} never writes`,
        );
      }
      const payload = padding?.payloadOf(result.message, frame.offset, index) ?? result.message;
      hash.update(payload);
      plaintextSize += payload.length;
      // Awaited before the next pull reuses the array; a sink that writes a file batches
      // its writes (BatchWriter), so the disk still works while the next chunks decrypt.
      // A chunk of padding alone has nothing to hand on.
      if (options.onChunk !== undefined && (payload.length > 0 || result.message.length === 0)) {
        await options.onChunk(payload);
      }
      if (reader.offset - reported >= PROGRESS_STEP) {
        reported = reader.offset;
        options.onProgress?.(reported, fileSize);
      }
      if (result.tag === TAG_FINAL) {
        padding?.finish(frame.offset, index);
        const finalEnd = reader.offset;
        if ((await reader.take(1)).length !== 0) {
          throw damagedAt(
            srcPath,
            finalEnd,
            index,
            `${fileSize - finalEnd} bytes of unexpected data follow the final chunk (chunk ${index})`,
          );
        }
        return { plaintextSize, plaintextSha256: hash.digest('hex') };
      }
    }
  } finally {
    await reader.settle();
    decryptor.dispose();
  }
}

/**
 * Decrypts only the header and the metadata chunk: fast, and proves the key is right (v1:
 * the passkey's key; v2: the file key, whose header MAC is checked first).
 * The metadata's size and note count are checked against the file's length here, because
 * callers size allocations, free-space checks and displays from them before the payload
 * itself has been read (decryptFile checks the exact size and digest afterwards).
 */
export async function readMetadata(
  srcPath: string,
  key: Uint8Array,
): Promise<{ header: AnyBackupHeader; metadata: BackupMetadata }> {
  const handle = await openForReading(srcPath);
  try {
    return await readMetadataFromHandle(handle, srcPath, key);
  } finally {
    await handle.close();
  }
}

/**
 * readMetadata through a handle the caller already opened and checked (the passkey change opens
 * without following links and checks dev/inode): the bytes checked are the opened file's, whatever
 * the name points to meanwhile. Reads from offset 0; the caller keeps and closes the handle.
 */
export async function readMetadataFromHandle(
  handle: FileHandle,
  srcPath: string,
  key: Uint8Array,
): Promise<{ header: AnyBackupHeader; metadata: BackupMetadata }> {
  const { header, metadata, metadataOffset, reader, decryptor } = await openStream(handle, srcPath, key);
  const dataStart = reader.offset;
  await reader.settle();
  decryptor.dispose();
  const fileSize = (await handle.stat()).size;
  assertMetadataPlausible(metadata, {
    fileLabel: srcPath,
    metadataOffset,
    dataStart,
    fileSize,
  });
  return { header, metadata };
}

interface OpenedStream {
  header: AnyBackupHeader;
  metadata: BackupMetadata;
  /** Where frame 0 starts: the header's length. */
  metadataOffset: number;
  reader: BufferedFileReader;
  decryptor: StreamDecryptor;
}

/** What chunk 0 needs from the header, and how its failure reads. */
interface StreamStart {
  decryptor: StreamDecryptor;
  metadataOffset: number;
  chunk0Ad: Uint8Array;
  chunk0Failed: (offset: number) => NoteVaultError;
}

async function startStream(header: AnyBackupHeader, key: Uint8Array, srcPath: string): Promise<StreamStart> {
  if (header.formatVersion === 1) {
    return {
      decryptor: await StreamDecryptor.start(header.streamHeader, key, MAX_CHUNK_SIZE, HEADER_SIZE),
      metadataOffset: HEADER_SIZE,
      chunk0Ad: header.bytes,
      // v1's key is not committed: a wrong passkey and an altered header look the same here.
      chunk0Failed: (offset) =>
        new NoteVaultError(
          'WRONG_PASSKEY',
          `The passkey is wrong, or the header of ${srcPath} was altered: its first chunk (byte offset ` +
            `${offset}) could not be decrypted. Check the passkey and try again.`,
        ),
    };
  }
  // v2 (section 17 step 10, then 11): the MAC proves the header and commits to the file key,
  // so chunk 0 failing afterwards can only be damage.
  await verifyHeaderMac(header, key, srcPath);
  const { streamKey, headerKey } = await fileSubkeys(key);
  headerKey.fill(0);
  try {
    return {
      decryptor: await StreamDecryptor.start(
        header.streamHeader,
        streamKey,
        MAX_CHUNK_SIZE,
        FIXED_PART_BYTES,
      ),
      metadataOffset: header.headerLength,
      chunk0Ad: header.fixedPart,
      chunk0Failed: (offset) =>
        damagedAt(
          srcPath,
          offset,
          0,
          'the metadata chunk failed authentication, though the header is intact',
        ),
    };
  } finally {
    streamKey.fill(0);
  }
}

/** Header checks, then chunk 0: in v1 the only chunk whose failure means "wrong passkey". */
async function openStream(
  handle: FileHandle,
  srcPath: string,
  key: Uint8Array,
  observe?: (bytes: Uint8Array) => void,
): Promise<OpenedStream> {
  if (key.length !== KEY_BYTES) {
    throw new NoteVaultError('VALIDATION', `The backup key must be ${KEY_BYTES} bytes; got ${key.length}.`);
  }
  const header = await readAnyHeader(handle, srcPath);
  const { decryptor, metadataOffset, chunk0Ad, chunk0Failed } = await startStream(header, key, srcPath);
  // header.bytes are the whole header as read; the reader observes everything after it.
  observe?.(header.bytes);
  const reader = new BufferedFileReader(handle, srcPath, metadataOffset, observe);
  try {
    const frame = await readFrame(reader, srcPath, 0);
    if (frame === null) {
      throw damagedAt(
        srcPath,
        metadataOffset,
        0,
        'the file ends right after the header, before the metadata chunk',
      );
    }
    const result = decryptor.pull(frame.ciphertext, chunk0Ad);
    if (result === false) throw chunk0Failed(frame.offset);
    if (result.tag !== TAG_MESSAGE) {
      throw damagedAt(
        srcPath,
        frame.offset,
        0,
        `the metadata chunk has tag ${result.tag} instead of ${TAG_MESSAGE}`,
      );
    }
    const metadata = decodeMetadata(result.message, srcPath, frame.offset, header.formatVersion);
    return { header, metadata, metadataOffset, reader, decryptor };
  } catch (error) {
    await reader.settle();
    decryptor.dispose();
    throw error;
  }
}

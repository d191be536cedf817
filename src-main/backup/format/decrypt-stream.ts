import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { NoteVaultError } from '../../../src-shared/errors';
import { throwIfCancelled } from './abort';
import { BufferedFileReader } from './buffered-reader';
import { openForReading } from './file-io';
import { HEADER_SIZE, KEY_BYTES, MAX_CHUNK_SIZE, TAG_FINAL, TAG_MESSAGE } from './format-constants';
import { damagedAt, readFrame } from './frames';
import { readHeader } from './header';
import type { BackupHeader } from './header';
import { assertMetadataPlausible, decodeMetadata } from './metadata';
import type { BackupMetadata } from './metadata';
import { StreamDecryptor } from './secretstream';

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
  header: BackupHeader;
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
 * payload's size and SHA-256 against the metadata. Memory use does not depend on file size.
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
    const { reader, decryptor } = opened;
    const fileSize = (await handle.stat()).size;
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
            `the chunk has tag ${result.tag}, which format v1 never writes`,
          );
        }
        hash.update(result.message);
        plaintextSize += result.message.length;
        // Awaited before the next pull reuses the array; a sink that writes a file batches
        // its writes (BatchWriter), so the disk still works while the next chunks decrypt.
        if (options.onChunk !== undefined) await options.onChunk(result.message);
        if (reader.offset - reported >= PROGRESS_STEP) {
          reported = reader.offset;
          options.onProgress?.(reported, fileSize);
        }
        if (result.tag === TAG_FINAL) {
          const finalEnd = reader.offset;
          if ((await reader.take(1)).length !== 0) {
            throw damagedAt(
              srcPath,
              finalEnd,
              index,
              `${fileSize - finalEnd} bytes of unexpected data follow the final chunk (chunk ${index})`,
            );
          }
          break;
        }
      }
    } finally {
      await reader.settle();
      decryptor.dispose();
    }
    const plaintextSha256 = hash.digest('hex');
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
 * Decrypts only the header and the metadata chunk: fast, and proves the passkey is right.
 * The metadata's size and note count are checked against the file's length here, because
 * callers size allocations, free-space checks and displays from them before the payload
 * itself has been read (decryptFile checks the exact size and digest afterwards).
 */
export async function readMetadata(
  srcPath: string,
  key: Uint8Array,
): Promise<{ header: BackupHeader; metadata: BackupMetadata }> {
  const handle = await openForReading(srcPath);
  try {
    const { header, metadata, reader, decryptor } = await openStream(handle, srcPath, key);
    const dataStart = reader.offset;
    await reader.settle();
    decryptor.dispose();
    const fileSize = (await handle.stat()).size;
    assertMetadataPlausible(metadata, { fileLabel: srcPath, dataStart, fileSize });
    return { header, metadata };
  } finally {
    await handle.close();
  }
}

interface OpenedStream {
  header: BackupHeader;
  metadata: BackupMetadata;
  reader: BufferedFileReader;
  decryptor: StreamDecryptor;
}

/** Header checks, then chunk 0: the only chunk whose failure means "wrong passkey". */
async function openStream(
  handle: FileHandle,
  srcPath: string,
  key: Uint8Array,
  observe?: (bytes: Uint8Array) => void,
): Promise<OpenedStream> {
  if (key.length !== KEY_BYTES) {
    throw new NoteVaultError('VALIDATION', `The backup key must be ${KEY_BYTES} bytes; got ${key.length}.`);
  }
  const header = await readHeader(handle, srcPath);
  // header.bytes are the HEADER_SIZE bytes read; the reader observes everything after them.
  observe?.(header.bytes);
  const decryptor = await StreamDecryptor.start(header.streamHeader, key, MAX_CHUNK_SIZE, HEADER_SIZE);
  const reader = new BufferedFileReader(handle, srcPath, HEADER_SIZE, observe);
  try {
    const frame = await readFrame(reader, srcPath, 0);
    if (frame === null) {
      throw damagedAt(
        srcPath,
        HEADER_SIZE,
        0,
        'the file ends right after the header, before the metadata chunk',
      );
    }
    const result = decryptor.pull(frame.ciphertext, header.bytes);
    if (result === false) {
      throw new NoteVaultError(
        'WRONG_PASSKEY',
        `The passkey is wrong, or the header of ${srcPath} was altered: its first chunk (byte offset ` +
          `${frame.offset}) could not be decrypted. Check the passkey and try again.`,
      );
    }
    if (result.tag !== TAG_MESSAGE) {
      throw damagedAt(
        srcPath,
        frame.offset,
        0,
        `the metadata chunk has tag ${result.tag} instead of ${TAG_MESSAGE}`,
      );
    }
    const metadata = decodeMetadata(result.message, srcPath, frame.offset);
    return { header, metadata, reader, decryptor };
  } catch (error) {
    await reader.settle();
    decryptor.dispose();
    throw error;
  }
}

import { createHash } from 'node:crypto';
import { NoteVaultError } from '../../src-shared/errors';
import { syncHandle, useThenClose, writeFully } from '../fsx/handle-io';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions, RetryOptions } from '../fsx/retry';
import { retryingFs } from '../fsx/retry';
import type { EncryptOptions, EncryptResult } from './format/encrypt-stream';
import { checkEncryptInputs } from './format/encrypt-stream';
import { FORMAT_VERSION, TAG_FINAL, TAG_MESSAGE } from './format/format-constants';
import { encodeFrameLength } from './format/frames';
import { encodeHeader } from './format/header';
import type { KdfParams } from './format/kdf';
import { encodeMetadata } from './format/metadata';
import type { BackupMetadata, BackupMetadataInput } from './format/metadata';
import { loadSodium } from './format/sodium';

const WRITE_BATCH = 1024 * 1024;

/**
 * encryptFileToFile for a payload already in memory (the in-memory snapshot), producing the
 * same v1 format (docs/backup-format.md) from the format module's own header, metadata and
 * frame encoders. It writes `path` (an existing partial, overwritten from the start) through
 * the file layer, so every write and the fsync get its lock retries and error mapping. The
 * caller reads the result back with decryptFile before publishing it, so a fault here can
 * never produce a backup that is reported as good.
 */
export async function encryptBytesToFile(
  plaintext: Uint8Array,
  path: string,
  key: Uint8Array,
  kdf: KdfParams,
  metadataInput: BackupMetadataInput,
  options: EncryptOptions & { fileLayer?: FileLayerOptions } = {},
): Promise<EncryptResult> {
  const chunkSize = checkEncryptInputs(options.chunkSize, key, kdf);
  const sodium = await loadSodium();
  const size = plaintext.length;
  const metadata: BackupMetadata = {
    formatVersion: FORMAT_VERSION,
    ...metadataInput,
    plaintextSize: size,
    plaintextSha256: createHash('sha256').update(plaintext).digest('hex'),
  };
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const headerBytes = encodeHeader(kdf, header);
  const fs = options.fileLayer?.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.fileLayer?.retry };
  const handle = await retryingFs(fs, retry).open(path, 'r+');

  return useThenClose(handle, path, retry, async () => {
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let written = 0;
    const flush = async (): Promise<void> => {
      if (pendingBytes === 0) return;
      const batch = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await writeFully(handle, batch, written, path, retry);
      written += batch.length;
    };
    const add = async (...parts: Uint8Array[]): Promise<void> => {
      for (const part of parts) {
        pending.push(part);
        pendingBytes += part.length;
      }
      if (pendingBytes >= WRITE_BATCH) await flush();
    };
    const frame = (ciphertext: Uint8Array): Promise<void> =>
      add(encodeFrameLength(ciphertext.length), ciphertext);

    await add(headerBytes);
    // The header is the first chunk's additional data, exactly as the file writer does it.
    await frame(
      sodium.crypto_secretstream_xchacha20poly1305_push(
        state,
        encodeMetadata(metadata),
        headerBytes,
        TAG_MESSAGE,
      ),
    );
    let done = 0;
    options.onProgress?.(0, size);
    do {
      if (options.signal?.aborted) throw new NoteVaultError('CANCELLED', 'Writing the backup was cancelled.');
      const end = Math.min(size, done + chunkSize);
      const tag = end === size ? TAG_FINAL : TAG_MESSAGE;
      await frame(
        sodium.crypto_secretstream_xchacha20poly1305_push(state, plaintext.subarray(done, end), null, tag),
      );
      if (Math.floor(end / WRITE_BATCH) !== Math.floor(done / WRITE_BATCH)) options.onProgress?.(end, size);
      done = end;
    } while (done < size);
    await flush();
    await syncHandle(handle, path, retry);
    options.onProgress?.(size, size);
    return { metadata, backupSize: written };
  });
}

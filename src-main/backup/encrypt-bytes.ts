import { createHash } from 'node:crypto';
import { syncHandle, useThenClose, writeFully } from '../fsx/handle-io';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions, RetryOptions } from '../fsx/retry';
import { retryingFs } from '../fsx/retry';
import type { EncryptOptions, EncryptResult, WriteKeys } from './format/encrypt-stream';
import { checkEncryptInputs } from './format/encrypt-stream';
import { writeBackupStream } from './format/backup-stream-writer';
import type { BackupMetadata, BackupMetadataInput } from './format/metadata';

/**
 * encryptFileToFile for a payload already in memory (the in-memory snapshot), producing the
 * same format (docs/backup-format.md) through the same writeBackupStream. It writes `path`
 * (an existing partial, overwritten from the start) through the file layer, so every write
 * and the fsync get its lock retries and error mapping. The
 * caller reads the result back with decryptFile before publishing it, so a fault here can
 * never produce a backup that is reported as good.
 */
export async function encryptBytesToFile(
  plaintext: Uint8Array,
  path: string,
  keys: WriteKeys,
  metadataInput: BackupMetadataInput,
  options: EncryptOptions & { fileLayer?: FileLayerOptions } = {},
): Promise<EncryptResult> {
  const chunkSize = checkEncryptInputs(options.chunkSize, keys);
  const size = plaintext.length;
  const metadata: BackupMetadata = {
    formatVersion: keys.formatVersion,
    ...metadataInput,
    plaintextSize: size,
    plaintextSha256: createHash('sha256').update(plaintext).digest('hex'),
  };
  const fs = options.fileLayer?.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.fileLayer?.retry };
  const handle = await retryingFs(fs, retry).open(path, 'r+');

  return useThenClose(handle, path, retry, async () => {
    let done = 0;
    const backupSize = await writeBackupStream(
      (bytes, at) => writeFully(handle, bytes, at, path, retry),
      keys,
      metadata,
      {
        size,
        read: (length) => {
          const chunk = plaintext.subarray(done, done + length);
          done += chunk.length;
          return Promise.resolve(chunk);
        },
      },
      { chunkSize, onProgress: options.onProgress, signal: options.signal },
    );
    await syncHandle(handle, path, retry);
    return { metadata, backupSize };
  });
}

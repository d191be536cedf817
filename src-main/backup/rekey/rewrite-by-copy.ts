/**
 * For a new header of another length: a copy with it, checked, then renamed over the file.
 * NoteVault's own rewrites keep the length (a passkey slot is always 130 bytes, the other slots
 * are kept), so rekeyFile reaches this only for headers a later version may write; exported for
 * its test.
 */
import { NoteVaultError } from '../../../src-shared/errors';
import { publishFile } from '../../fsx/atomic-publish';
import type { FileHandle } from '../../fsx/fs-seam';
import { syncHandle, useThenClose, writeFully } from '../../fsx/handle-io';
import { ownedPartialPath } from '../../fsx/partial-names';
import type { FileLayerOptions } from '../../fsx/retry';
import { retryingFs, unlinkIfExists, withFileRetry } from '../../fsx/retry';
import { readInto } from '../format/file-io';
import { sameBytes } from '../format/same-bytes';
import type { BackupHeaderV2 } from '../format/v2/header-v2';
import { openOwnFileNoFollow } from './finish-journal';
import { layerOf, verifyOnDisk } from './rekey-checks';
import type { RekeyKeys } from './rekey-file';

export async function rewriteByCopy(
  path: string,
  header: BackupHeaderV2,
  newHeader: Uint8Array,
  fileKey: Uint8Array,
  keys: RekeyKeys,
  options: FileLayerOptions,
): Promise<void> {
  const { layer, retry } = layerOf(options);
  const io = retryingFs(layer.fs, layer.retry);
  const partial = ownedPartialPath(path);
  const source = await openOwnFileNoFollow(path, layer);
  if (source === undefined)
    throw new NoteVaultError('IO', `${path} was moved or replaced during the passkey change.`);
  try {
    await useThenClose(source, path, retry, async (src) => {
      if (!sameBytes(await readBack(src, header.headerLength, path), header.bytes)) {
        throw new NoteVaultError('IO', `${path} was changed by another program during the passkey change.`);
      }
      // Read and write: the copy is read back before it is renamed into place.
      const target = await io.open(partial, 'wx+', 0o600);
      await useThenClose(target, partial, retry, async (dst) => {
        await writeFully(dst, newHeader, 0, partial, retry);
        const block = new Uint8Array(1024 * 1024);
        let from = header.headerLength;
        let to = newHeader.length;
        for (;;) {
          const read = await withFileRetry('read', path, () => src.read(block, 0, block.length, from), retry);
          if (read.bytesRead === 0) break;
          await writeFully(dst, block.subarray(0, read.bytesRead), to, partial, retry);
          from += read.bytesRead;
          to += read.bytesRead;
        }
        await syncHandle(dst, partial, retry);
        await verifyOnDisk(partial, dst, newHeader.length, fileKey, keys);
      });
    });
    await publishFile(partial, path, { ...layer, overwrite: true });
  } catch (error) {
    await unlinkIfExists(partial, layer).catch(() => undefined);
    throw error;
  }
}

async function readBack(handle: FileHandle, length: number, path: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  return bytes.subarray(0, await readInto(handle, bytes, 0, path));
}

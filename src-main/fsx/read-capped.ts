/**
 * Reading a small file of the app's own whole, with a size cap checked before any byte is read:
 * a huge file planted in its place (the data folder is writable by whoever runs as the user)
 * cannot make the app read it into memory.
 */
import { underlyingCode } from './fs-errors';
import { nodeFileSystem } from './fs-seam';
import type { FileLayerOptions } from './retry';
import { retryingFs, withFileRetry } from './retry';

/**
 * The file's bytes, or null when there is no file. `tooLarge` makes the error for a file over
 * `maxBytes` from a detail for `details` ("20000 bytes; the file is at most 16384").
 */
export async function readFileCapped(
  file: string,
  maxBytes: number,
  operation: string,
  tooLarge: (detail: string) => Error,
  layer: FileLayerOptions = {},
): Promise<Uint8Array | null> {
  const fs = layer.fs ?? nodeFileSystem;
  const retry = { platform: fs.platform, ...layer.retry };
  let handle;
  try {
    handle = await retryingFs(fs, retry).open(file, 'r');
  } catch (error) {
    if (underlyingCode(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    // The size of the open handle, not of the path: the file cannot be swapped in between.
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLarge(`${size} bytes; the file is at most ${maxBytes}`);
    // One byte past the cap, so a file that grew after the stat is still caught.
    const buffer = new Uint8Array(maxBytes + 1);
    let bytesRead = 0;
    for (;;) {
      const { bytesRead: got } = await withFileRetry(
        operation,
        file,
        () => handle.read(buffer, bytesRead, buffer.length - bytesRead, bytesRead),
        retry,
      );
      if (got === 0) break;
      bytesRead += got;
      if (bytesRead === buffer.length) break;
    }
    if (bytesRead > maxBytes) throw tooLarge(`more than ${maxBytes} bytes`);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { useThenClose, writeFully } from './handle-io';
import { fsError, tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

describe('writeFully', () => {
  it('keeps writing when the system writes less than asked', async () => {
    const dir = await temp.make();
    const file = join(dir, 'out');
    const handle = await open(file, 'w');
    const realWrite = handle.write.bind(handle);
    const lengths: number[] = [];
    // A write that stops after 1000 bytes, as a write to a pipe or a network share may.
    const shortWrite = (buffer: Uint8Array, offset: number, length: number, position: number) => {
      lengths.push(length);
      return realWrite(buffer, offset, Math.min(length, 1000), position);
    };
    Object.assign(handle, { write: shortWrite });
    const data = Buffer.from(Array.from({ length: 4321 }, (_, i) => i % 251));
    await useThenClose(handle, file, {}, (h) => writeFully(h, data, 0, file, {}));
    expect(lengths).toEqual([4321, 3321, 2321, 1321, 321]);
    expect((await readFile(file)).equals(data)).toBe(true);
  });
});

describe('useThenClose', () => {
  it('closes after a failure and keeps the first failure', async () => {
    const dir = await temp.make();
    const file = join(dir, 'f');
    const handle = await open(file, 'w');
    const realClose = handle.close.bind(handle);
    let closed = false;
    Object.assign(handle, {
      close: async () => {
        closed = true;
        await realClose();
        throw fsError('EIO', 'close', file);
      },
    });
    const first = new NoteVaultError('DISK_FULL', 'first');
    await expect(useThenClose(handle, file, {}, () => Promise.reject(first))).rejects.toBe(first);
    expect(closed).toBe(true);
  });

  it('reports a failing close as IO naming the file when the work succeeded', async () => {
    const dir = await temp.make();
    const file = join(dir, 'f');
    const handle = await open(file, 'w');
    const realClose = handle.close.bind(handle);
    Object.assign(handle, {
      close: async () => {
        await realClose();
        throw fsError('EIO', 'close', file);
      },
    });
    await expect(useThenClose(handle, file, {}, () => Promise.resolve(1))).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining(`Could not close "${file}"`) as unknown,
    });
  });
});

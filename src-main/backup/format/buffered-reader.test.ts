import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BufferedFileReader } from './buffered-reader';
import { makeTempDir, patternBytes, removeTempDir } from '../../../test/main/backup/format/test-support';

const MIB = 1024 * 1024;

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeTempDir(dir);
});

/** Runs `use` with a reader over `bytes` written to a file, starting at `startAt`. */
async function withReader<T>(
  bytes: Uint8Array,
  startAt: number,
  use: (reader: BufferedFileReader) => Promise<T>,
): Promise<T> {
  const path = join(dir, 'data.bin');
  writeFileSync(path, bytes);
  const handle = await open(path, 'r');
  const reader = new BufferedFileReader(handle, path, startAt);
  try {
    return await use(reader);
  } finally {
    await reader.settle();
    await handle.close();
  }
}

describe('BufferedFileReader', () => {
  it('returns the file in order, across block boundaries, and fewer bytes only at the end', async () => {
    const bytes = patternBytes(2 * MIB + 1000, 7);
    // The fourth request straddles the second and third block; the last one runs past the end.
    const sizes = [3, MIB - 3, 500_000, MIB - 499_600, 2000];
    const taken = await withReader(bytes, 0, async (reader) => {
      const parts: Uint8Array[] = [];
      // Copied at once: a view is only valid until the next take.
      for (const size of sizes) parts.push((await reader.take(size)).slice());
      return { parts, offset: reader.offset, after: await reader.take(1) };
    });
    let at = 0;
    for (const part of taken.parts) {
      expect(Buffer.from(part).equals(Buffer.from(bytes.subarray(at, at + part.length)))).toBe(true);
      at += part.length;
    }
    expect(taken.parts.map((p) => p.length)).toEqual([3, MIB - 3, 500_000, MIB - 499_600, 600]);
    expect(taken.offset).toBe(bytes.length);
    expect(taken.after.length).toBe(0);
  });

  it('starts at the given offset and reports offsets of the file', async () => {
    const bytes = patternBytes(5000, 3);
    const result = await withReader(bytes, 1000, async (reader) => {
      const first = (await reader.take(10)).slice();
      return { first, offset: reader.offset };
    });
    expect(Buffer.from(result.first).equals(Buffer.from(bytes.subarray(1000, 1010)))).toBe(true);
    expect(result.offset).toBe(1010);
  });

  it('serves block-aligned requests as views of two reused blocks, and zeroes them when done', async () => {
    const bytes = patternBytes(3 * MIB, 5);
    const views: Uint8Array[] = [];
    await withReader(bytes, 0, async (reader) => {
      for (let at = 0; at < bytes.length; at += MIB) {
        const view = await reader.take(MIB);
        expect(Buffer.from(view).equals(Buffer.from(bytes.subarray(at, at + MIB)))).toBe(true);
        views.push(view);
      }
    });
    const [first, second, third] = views;
    // Whole blocks as views, no copies: the first and third share memory, the second is the other block.
    expect(first?.byteLength).toBe(MIB);
    expect(third?.buffer).toBe(first?.buffer);
    expect(second?.buffer).not.toBe(first?.buffer);
    // settle() wiped what the file held (it may be plaintext).
    expect(views.every((view) => view.every((byte) => byte === 0))).toBe(true);
  });

  it('assembles a request that straddles two blocks', async () => {
    const bytes = patternBytes(2 * MIB, 9);
    const straddling = await withReader(bytes, 0, async (reader) => {
      await reader.take(MIB - 10);
      return (await reader.take(20)).slice();
    });
    expect(Buffer.from(straddling).equals(Buffer.from(bytes.subarray(MIB - 10, MIB + 10)))).toBe(true);
  });

  it('returns an empty array for an empty file', async () => {
    const empty = await withReader(new Uint8Array(0), 0, (reader) => reader.take(100));
    expect(empty.length).toBe(0);
  });
});

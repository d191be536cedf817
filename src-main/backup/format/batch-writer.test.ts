import { describe, expect, it } from 'vitest';
import { BatchWriter } from './batch-writer';

const MIB = 1024 * 1024;

/** A file in memory whose writes finish when the test says so. */
function recordingFile(): {
  writeAt: (bytes: Uint8Array, at: number) => Promise<void>;
  writes: { at: number; length: number }[];
  contents: () => Uint8Array;
} {
  const parts: { at: number; bytes: Uint8Array }[] = [];
  const writes: { at: number; length: number }[] = [];
  return {
    writes,
    writeAt: async (bytes, at) => {
      writes.push({ at, length: bytes.length });
      // Copied after a delay: a writer that reused the buffer too early would corrupt this.
      await new Promise((resolve) => setTimeout(resolve, 2));
      parts.push({ at, bytes: new Uint8Array(bytes) }); // a copy (Buffer#slice would be a view)
    },
    contents: () => {
      const total = parts.reduce((end, part) => Math.max(end, part.at + part.bytes.length), 0);
      const out = new Uint8Array(total);
      for (const part of parts) out.set(part.bytes, part.at);
      return out;
    },
  };
}

describe('BatchWriter', () => {
  it('writes pieces in order in batches of about 1 MiB, with the right offsets', async () => {
    const file = recordingFile();
    const writer = new BatchWriter(file.writeAt, 70_000);
    const expected: number[] = [];
    for (let i = 0; i < 40; i++) {
      const piece = new Uint8Array(65_557).fill(i);
      await writer.append(piece);
      for (let j = 0; j < piece.length; j++) expected.push(i);
    }
    await writer.finish();
    expect(writer.bytesQueued).toBe(expected.length);
    expect(Buffer.from(file.contents()).equals(Buffer.from(expected))).toBe(true);
    expect(file.writes.length).toBeLessThan(5);
    expect(file.writes.slice(0, -1).every((write) => write.length > MIB - 65_557)).toBe(true);
    file.writes.reduce((at, write) => {
      expect(write.at).toBe(at);
      return at + write.length;
    }, 0);
  });

  it('fills reserved space in place', async () => {
    const file = recordingFile();
    const writer = new BatchWriter(file.writeAt, 16);
    const { buffer, at } = await writer.reserve(4);
    buffer.writeUInt32LE(0xdeadbeef, at);
    writer.commit(4);
    await writer.finish();
    expect(Buffer.from(file.contents()).readUInt32LE(0)).toBe(0xdeadbeef);
  });

  it('refuses a piece larger than its batch, and reports a failed write from the next call', async () => {
    const failing = new BatchWriter(() => Promise.reject(new Error('disk on fire')), 16);
    await expect(failing.reserve(2 * MIB)).rejects.toThrow(/larger than/);
    await failing.append(new Uint8Array(MIB));
    await failing.append(new Uint8Array(10)); // the first batch's write starts here
    await expect(failing.finish()).rejects.toThrow(/disk on fire/);
    await failing.settle();
  });

  it('refuses to write a view whose memory was released while it waited for room', async () => {
    const file = recordingFile();
    const writer = new BatchWriter(file.writeAt, 16);
    await writer.append(new Uint8Array(MIB - 10));
    const memory = new ArrayBuffer(100);
    const pending = writer.append(new Uint8Array(memory)); // no room: waits for a flush
    structuredClone(memory, { transfer: [memory] }); // detaches, as WebAssembly memory growth does
    await expect(pending).rejects.toThrow(/released before it could be copied/);
    await writer.settle();
  });

  it('wipe() zeroes what it buffered', async () => {
    const file = recordingFile();
    const writer = new BatchWriter(file.writeAt, 16);
    const { buffer } = await writer.reserve(8);
    buffer.fill(0x77, 0, 8);
    writer.commit(8);
    await writer.finish();
    await writer.settle();
    writer.wipe();
    expect(buffer.every((byte) => byte === 0)).toBe(true);
  });
});

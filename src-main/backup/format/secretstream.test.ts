import { describe, expect, it } from 'vitest';
import { ABYTES, TAG_FINAL, TAG_MESSAGE } from './format-constants';
import { StreamDecryptor, StreamEncryptor } from './secretstream';
import { loadSodium } from './sodium';

const bytes = (length: number, seed: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

function pushAll(encryptor: StreamEncryptor, chunks: Uint8Array[], ad: Uint8Array | null): Uint8Array[] {
  return chunks.map((plaintext, index) => {
    const out = new Uint8Array(plaintext.length + ABYTES + 3);
    const written = encryptor.pushInto(
      plaintext,
      index === 0 ? ad : null,
      index === chunks.length - 1 ? TAG_FINAL : TAG_MESSAGE,
      out,
      3,
    );
    expect(written).toBe(plaintext.length + ABYTES);
    return out.subarray(3, 3 + written);
  });
}

describe('StreamEncryptor / StreamDecryptor (libsodium called with buffers allocated once)', () => {
  const key = bytes(32, 1);
  const ad = bytes(64, 2);
  const chunks = [bytes(100, 3), bytes(0, 4), bytes(4096, 5), bytes(1, 6)];

  it('writes what libsodium-wrappers reads, tags and additional data included', async () => {
    const sodium = await loadSodium();
    const encryptor = await StreamEncryptor.start(key, 4096, 64);
    const ciphertexts = pushAll(encryptor, chunks, ad);
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(encryptor.header, key);
    encryptor.dispose();
    ciphertexts.forEach((ciphertext, index) => {
      const result = sodium.crypto_secretstream_xchacha20poly1305_pull(
        state,
        ciphertext,
        index === 0 ? ad : null,
      );
      expect(result).not.toBe(false);
      if (result === false) return;
      expect(Buffer.from(result.message).equals(Buffer.from(chunks[index] ?? []))).toBe(true);
      expect(result.tag).toBe(index === chunks.length - 1 ? TAG_FINAL : TAG_MESSAGE);
    });
  });

  it('reads what libsodium-wrappers writes', async () => {
    const sodium = await loadSodium();
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
    const ciphertexts = chunks.map((plaintext, index) =>
      sodium.crypto_secretstream_xchacha20poly1305_push(
        state,
        plaintext,
        index === 0 ? ad : null,
        index === chunks.length - 1 ? TAG_FINAL : TAG_MESSAGE,
      ),
    );
    const decryptor = await StreamDecryptor.start(header, key, 4096, 64);
    try {
      ciphertexts.forEach((ciphertext, index) => {
        const result = decryptor.pull(ciphertext, index === 0 ? ad : null);
        expect(result).not.toBe(false);
        if (result === false) return;
        expect(Buffer.from(result.message).equals(Buffer.from(chunks[index] ?? []))).toBe(true);
        expect(result.tag).toBe(index === chunks.length - 1 ? TAG_FINAL : TAG_MESSAGE);
      });
    } finally {
      decryptor.dispose();
    }
  });

  it('returns false, never throws, for a flipped bit, wrong additional data, a wrong key or a bad length', async () => {
    const encryptor = await StreamEncryptor.start(key, 4096, 64);
    const [first, second] = pushAll(encryptor, chunks, ad);
    const header = encryptor.header;
    encryptor.dispose();
    const attempt = async (
      ciphertext: Uint8Array,
      chunkAd: Uint8Array | null,
      chunkKey = key,
    ): Promise<boolean> => {
      const decryptor = await StreamDecryptor.start(header, chunkKey, 4096, 64);
      try {
        return decryptor.pull(ciphertext, chunkAd) !== false;
      } finally {
        decryptor.dispose();
      }
    };
    if (first === undefined || second === undefined) throw new Error('two chunks expected');
    expect(await attempt(first, ad)).toBe(true);
    const flipped = first.slice();
    flipped[40] = (flipped[40] ?? 0) ^ 1;
    expect(await attempt(flipped, ad)).toBe(false);
    expect(await attempt(first, bytes(64, 9))).toBe(false);
    expect(await attempt(first, ad, bytes(32, 7))).toBe(false);
    expect(await attempt(second, null)).toBe(false); // out of order
    expect(await attempt(first.subarray(0, ABYTES - 1), ad)).toBe(false);
    expect(await attempt(new Uint8Array(4096 + ABYTES + 1), null)).toBe(false);
  });

  it('refuses chunks over its limit, and any use after dispose', async () => {
    const encryptor = await StreamEncryptor.start(key, 16, 0);
    const out = new Uint8Array(64);
    expect(() => encryptor.pushInto(new Uint8Array(17), null, TAG_MESSAGE, out, 0)).toThrow(/exceeds 16/);
    expect(() => encryptor.pushInto(new Uint8Array(1), new Uint8Array(1), TAG_MESSAGE, out, 0)).toThrow(
      /Additional data/,
    );
    encryptor.dispose();
    expect(() => encryptor.pushInto(new Uint8Array(1), null, TAG_MESSAGE, out, 0)).toThrow(/after dispose/);
    await expect(StreamEncryptor.start(new Uint8Array(31), 16, 0)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('zeroes the plaintext and the stream state it held in WebAssembly memory when disposed', async () => {
    const sodium = await loadSodium();
    const heap = (): Uint8Array =>
      (sodium as unknown as { libsodium: { HEAPU8: Uint8Array } }).libsodium.HEAPU8;
    // A marker that cannot occur by chance: 4 KiB of one recognisable pattern.
    const marker = new Uint8Array(4096).fill(0xa5);
    const encryptor = await StreamEncryptor.start(key, 4096, 0);
    const decryptor = await StreamDecryptor.start(encryptor.header, key, 4096, 0);
    const out = new Uint8Array(4096 + ABYTES);
    encryptor.pushInto(marker, null, TAG_FINAL, out, 0);
    const pulled = decryptor.pull(out, null);
    expect(pulled !== false && pulled.message.every((byte) => byte === 0xa5)).toBe(true);
    const containsMarker = (): boolean => Buffer.from(heap()).includes(Buffer.from(marker));
    expect(containsMarker()).toBe(true);
    encryptor.dispose();
    decryptor.dispose();
    expect(containsMarker()).toBe(false);
  });

  it('frees what it had allocated when WebAssembly memory runs out while it starts', async () => {
    const sodium = await loadSodium();
    const raw = (
      sodium as unknown as { libsodium: { _malloc: (n: number) => number; _free: (p: number) => void } }
    ).libsodium;
    const { _malloc: malloc, _free: free } = raw;
    const given: number[] = [];
    const freed: number[] = [];
    raw._malloc = (size) => {
      if (given.length === 3) return 0; // the fourth allocation fails
      const pointer = malloc(size);
      given.push(pointer);
      return pointer;
    };
    raw._free = (pointer) => {
      freed.push(pointer);
      free(pointer);
    };
    try {
      await expect(StreamEncryptor.start(key, 4096, 64)).rejects.toThrow(/could not allocate/);
    } finally {
      raw._malloc = malloc;
      raw._free = free;
    }
    expect(given).toHaveLength(3);
    expect(freed.sort()).toEqual([...given].sort());
  });
});

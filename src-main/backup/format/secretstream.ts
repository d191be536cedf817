import { NoteVaultError } from '../../../src-shared/errors';
import { ABYTES, KEY_BYTES, MAX_CHUNK_SIZE, STREAM_HEADER_BYTES } from './format-constants';
import { loadSodium } from './sodium';
import type { Sodium } from './sodium';

/**
 * The Emscripten module inside libsodium-wrappers-sumo (`sodium.libsodium`, untyped). Its
 * secretstream functions take pointers into WebAssembly memory; 64-bit lengths arrive split
 * into low and high 32-bit halves. HEAPU8 must be read at each use: it is replaced whenever
 * the memory grows.
 */
interface RawSodium {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _crypto_secretstream_xchacha20poly1305_statebytes(): number;
  _crypto_secretstream_xchacha20poly1305_init_push(state: number, header: number, key: number): number;
  _crypto_secretstream_xchacha20poly1305_init_pull(state: number, header: number, key: number): number;
  _crypto_secretstream_xchacha20poly1305_push(
    state: number,
    c: number,
    clenP: number,
    m: number,
    mlenLow: number,
    mlenHigh: number,
    ad: number,
    adlenLow: number,
    adlenHigh: number,
    tag: number,
  ): number;
  _crypto_secretstream_xchacha20poly1305_pull(
    state: number,
    m: number,
    mlenP: number,
    tagP: number,
    c: number,
    clenLow: number,
    clenHigh: number,
    ad: number,
    adlenLow: number,
    adlenHigh: number,
  ): number;
}

const RAW_FUNCTIONS = [
  '_malloc',
  '_free',
  '_crypto_secretstream_xchacha20poly1305_statebytes',
  '_crypto_secretstream_xchacha20poly1305_init_push',
  '_crypto_secretstream_xchacha20poly1305_init_pull',
  '_crypto_secretstream_xchacha20poly1305_push',
  '_crypto_secretstream_xchacha20poly1305_pull',
] as const;

function rawModule(sodium: Sodium): RawSodium {
  const raw = (sodium as unknown as { libsodium?: Partial<RawSodium> }).libsodium;
  const missing = RAW_FUNCTIONS.filter((name) => typeof raw?.[name] !== 'function');
  if (raw === undefined || missing.length > 0 || !(raw.HEAPU8 instanceof Uint8Array)) {
    throw new NoteVaultError(
      'INTERNAL',
      `This build of libsodium-wrappers-sumo does not expose the secretstream functions the backup ` +
        `engine calls directly (missing: ${missing.join(', ') || 'HEAPU8'}).`,
    );
  }
  return raw as RawSodium;
}

/**
 * One secretstream (push or pull) whose working memory is allocated once in WebAssembly
 * memory and reused for every chunk. libsodium-wrappers' push/pull allocate and copy a
 * fresh input and output for each call and hand back a new array, which turns a 100 MiB
 * backup into hundreds of MiB of garbage the worker's heap holds until a collection: the
 * peak memory the backup must keep under its budget whatever the database's size. The
 * wrappers also free their copy of the key without zeroing it; here every byte this object
 * put into WebAssembly memory is zeroed before it is freed.
 */
abstract class SecretStream {
  protected readonly raw: RawSodium;
  protected readonly state: number;
  /** Buffers in WebAssembly memory: input, output, additional data, one tag byte. */
  protected readonly input: number;
  protected readonly output: number;
  protected readonly ad: number;
  protected readonly tagByte: number;
  private readonly regionBytes: number;
  private disposed = false;
  /** What the constructor has allocated so far, to free if a later allocation fails. */
  private readonly allocated: number[] = [];

  protected constructor(
    sodium: Sodium,
    protected readonly maxChunk: number,
    protected readonly maxAd: number,
  ) {
    this.raw = rawModule(sodium);
    // Large enough for a whole chunk, and for the key and header while the stream starts.
    this.regionBytes = Math.max(maxChunk + ABYTES, KEY_BYTES + STREAM_HEADER_BYTES);
    this.state = this.allocate(this.raw._crypto_secretstream_xchacha20poly1305_statebytes());
    this.input = this.allocate(this.regionBytes);
    this.output = this.allocate(this.regionBytes);
    this.ad = this.allocate(Math.max(1, maxAd));
    this.tagByte = this.allocate(1);
  }

  /** Zeroes everything it held (plaintext, the stream state with its key) and frees it. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const regions: [number, number][] = [
      [this.input, this.regionBytes],
      [this.output, this.regionBytes],
      [this.ad, Math.max(1, this.maxAd)],
      [this.tagByte, 1],
      [this.state, this.raw._crypto_secretstream_xchacha20poly1305_statebytes()],
    ];
    for (const [pointer, length] of regions) {
      this.raw.HEAPU8.fill(0, pointer, pointer + length);
      this.raw._free(pointer);
    }
  }

  /**
   * Runs init_push or init_pull with the key in `input` and the header in `output`, then
   * zeroes both; returns the header as it was after the call (init_push writes it).
   */
  protected initialize(
    key: Uint8Array,
    header: Uint8Array | null,
    init: (state: number, header: number, key: number) => number,
  ): Uint8Array {
    try {
      this.raw.HEAPU8.set(key, this.input);
      if (header !== null) this.raw.HEAPU8.set(header, this.output);
      const status = init(this.state, this.output, this.input);
      if (status !== 0) {
        throw new NoteVaultError(
          'INTERNAL',
          `libsodium could not start the secretstream (status ${status}).`,
        );
      }
      return this.raw.HEAPU8.slice(this.output, this.output + STREAM_HEADER_BYTES);
    } catch (error) {
      this.dispose();
      throw error;
    } finally {
      if (!this.disposed) {
        this.raw.HEAPU8.fill(0, this.input, this.input + KEY_BYTES);
        this.raw.HEAPU8.fill(0, this.output, this.output + STREAM_HEADER_BYTES);
      }
    }
  }

  protected assertUsable(): void {
    if (this.disposed) throw new NoteVaultError('INTERNAL', 'The secretstream was used after dispose().');
  }

  /** Copies the additional data in; returns its length (0 for none). */
  protected loadAd(ad: Uint8Array | null): number {
    if (ad === null) return 0;
    if (ad.length > this.maxAd) {
      throw new NoteVaultError('INTERNAL', `Additional data of ${ad.length} bytes exceeds ${this.maxAd}.`);
    }
    this.raw.HEAPU8.set(ad, this.ad);
    return ad.length;
  }

  private allocate(size: number): number {
    const pointer = this.raw._malloc(size);
    if (pointer === 0) {
      // Nothing has been written to the earlier regions yet, so freeing is enough.
      for (const earlier of this.allocated) this.raw._free(earlier);
      throw new NoteVaultError('INTERNAL', `libsodium could not allocate ${size} bytes of working memory.`);
    }
    this.allocated.push(pointer);
    return pointer;
  }
}

/** Encrypts chunks straight into a caller's buffer: no allocation per chunk. */
export class StreamEncryptor extends SecretStream {
  /** The 24-byte secretstream header the reader needs; goes into the backup's cleartext header. */
  readonly header: Uint8Array;

  private constructor(sodium: Sodium, key: Uint8Array, maxChunk: number, maxAd: number) {
    super(sodium, maxChunk, maxAd);
    this.header = this.initialize(key, null, (state, header, keyPointer) =>
      this.raw._crypto_secretstream_xchacha20poly1305_init_push(state, header, keyPointer),
    );
  }

  /** A new stream under `key` for chunks of up to `maxChunk` bytes and additional data up to `maxAd`. */
  static async start(key: Uint8Array, maxChunk: number, maxAd: number): Promise<StreamEncryptor> {
    assertSizes(key, maxChunk);
    return new StreamEncryptor(await loadSodium(), key, maxChunk, maxAd);
  }

  /**
   * Encrypts `plaintext` (at most maxChunk bytes) with `tag`, writing the ciphertext
   * (plaintext.length + ABYTES bytes) into `target` at `at`. Returns the bytes written.
   */
  pushInto(
    plaintext: Uint8Array,
    ad: Uint8Array | null,
    tag: number,
    target: Uint8Array,
    at: number,
  ): number {
    this.assertUsable();
    if (plaintext.length > this.maxChunk) {
      throw new NoteVaultError('INTERNAL', `A chunk of ${plaintext.length} bytes exceeds ${this.maxChunk}.`);
    }
    const adLength = this.loadAd(ad);
    this.raw.HEAPU8.set(plaintext, this.input);
    const status = this.raw._crypto_secretstream_xchacha20poly1305_push(
      this.state,
      this.output,
      0,
      this.input,
      plaintext.length,
      0,
      adLength === 0 ? 0 : this.ad,
      adLength,
      0,
      tag,
    );
    if (status !== 0) {
      throw new NoteVaultError('INTERNAL', `libsodium refused to encrypt a chunk (status ${status}).`);
    }
    const length = plaintext.length + ABYTES;
    target.set(this.raw.HEAPU8.subarray(this.output, this.output + length), at);
    return length;
  }
}

export interface PulledChunk {
  tag: number;
  /** A view into WebAssembly memory: valid until the next pull, dispose or other sodium call. */
  message: Uint8Array;
}

/** Decrypts chunks into one reused buffer: no allocation per chunk. */
export class StreamDecryptor extends SecretStream {
  private constructor(sodium: Sodium, header: Uint8Array, key: Uint8Array, maxChunk: number, maxAd: number) {
    super(sodium, maxChunk, maxAd);
    this.initialize(key, header, (state, headerPointer, keyPointer) =>
      this.raw._crypto_secretstream_xchacha20poly1305_init_pull(state, headerPointer, keyPointer),
    );
  }

  /** Reads the stream that `streamHeader` (24 bytes) starts, for chunks of up to `maxChunk` bytes. */
  static async start(
    streamHeader: Uint8Array,
    key: Uint8Array,
    maxChunk: number,
    maxAd: number,
  ): Promise<StreamDecryptor> {
    assertSizes(key, maxChunk);
    if (streamHeader.length !== STREAM_HEADER_BYTES) {
      throw new NoteVaultError('INTERNAL', `A secretstream header must be ${STREAM_HEADER_BYTES} bytes.`);
    }
    return new StreamDecryptor(await loadSodium(), streamHeader, key, maxChunk, maxAd);
  }

  /**
   * The chunk's plaintext and tag, or false when it fails authentication (altered bytes,
   * reordered or missing chunks, wrong key, data after the final chunk). Like the wrapper's
   * pull, a failure is a return value, never an exception: every caller must check it.
   */
  pull(ciphertext: Uint8Array, ad: Uint8Array | null): PulledChunk | false {
    this.assertUsable();
    if (ciphertext.length < ABYTES || ciphertext.length > this.maxChunk + ABYTES) return false;
    const adLength = this.loadAd(ad);
    this.raw.HEAPU8.set(ciphertext, this.input);
    const status = this.raw._crypto_secretstream_xchacha20poly1305_pull(
      this.state,
      this.output,
      0,
      this.tagByte,
      this.input,
      ciphertext.length,
      0,
      adLength === 0 ? 0 : this.ad,
      adLength,
      0,
    );
    if (status !== 0) return false;
    const heap = this.raw.HEAPU8;
    const length = ciphertext.length - ABYTES;
    return { tag: heap[this.tagByte] ?? 0, message: heap.subarray(this.output, this.output + length) };
  }
}

function assertSizes(key: Uint8Array, maxChunk: number): void {
  if (key.length !== KEY_BYTES) {
    throw new NoteVaultError('VALIDATION', `The backup key must be ${KEY_BYTES} bytes; got ${key.length}.`);
  }
  if (!Number.isInteger(maxChunk) || maxChunk < 0 || maxChunk > MAX_CHUNK_SIZE) {
    throw new NoteVaultError('INTERNAL', `A secretstream chunk limit of ${maxChunk} bytes is out of range.`);
  }
}

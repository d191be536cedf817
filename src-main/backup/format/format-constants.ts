/**
 * Every number the v1 file format depends on. They are written out here instead of read
 * from libsodium at run time because they are part of the on-disk format: if a future
 * libsodium changed a default, old backups must still open. `format-constants.test.ts`
 * checks each one against the installed libsodium.
 */

/** ASCII "NVBACKUP". */
export const MAGIC: Uint8Array = new Uint8Array([0x4e, 0x56, 0x42, 0x41, 0x43, 0x4b, 0x55, 0x50]);
export const FORMAT_VERSION = 1;

/** Byte offsets inside the cleartext header; see docs/backup-format.md. */
export const HEADER_LAYOUT = {
  magic: 0,
  formatVersion: 8,
  kdfAlgorithm: 10,
  opslimit: 12,
  memlimit: 16,
  salt: 24,
  streamHeader: 40,
} as const;
export const HEADER_SIZE = 64;

/** crypto_pwhash_ALG_ARGON2ID13: the only KDF format v1 knows. */
export const KDF_ALG_ARGON2ID13 = 2;
/** crypto_pwhash_SALTBYTES. */
export const SALT_BYTES = 16;
/** crypto_secretstream_xchacha20poly1305_KEYBYTES. */
export const KEY_BYTES = 32;
/** crypto_secretstream_xchacha20poly1305_HEADERBYTES. */
export const STREAM_HEADER_BYTES = 24;
/** crypto_secretstream_xchacha20poly1305_ABYTES: each ciphertext is this much longer than its plaintext. */
export const ABYTES = 17;
export const TAG_MESSAGE = 0;
export const TAG_FINAL = 3;

/** Each chunk on disk is a u32 little-endian ciphertext length followed by the ciphertext. */
export const FRAME_LENGTH_BYTES = 4;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
/** Largest plaintext per chunk a v1 writer may produce (metadata included). */
export const MAX_CHUNK_SIZE = 1024 * 1024;
/** Largest ciphertext length a reader accepts, checked before allocating anything for it. */
export const MAX_FRAME_CIPHERTEXT = MAX_CHUNK_SIZE + ABYTES;

/** New backups use libsodium's MODERATE work factors. */
export const DEFAULT_OPSLIMIT = 3;
export const DEFAULT_MEMLIMIT = 256 * 1024 * 1024;

/**
 * Bounds for KDF work factors read from a file. Below the minimum libsodium refuses to run
 * Argon2id at all; the caps stop a hostile or corrupt header from making us allocate more
 * than 1 GiB of WebAssembly memory (libsodium's SENSITIVE level) or grind for minutes:
 * 12 passes over 1 GiB (3x SENSITIVE) is the slowest derivation we agree to start.
 */
export const OPSLIMIT_MIN = 1;
export const OPSLIMIT_CAP = 12;
export const MEMLIMIT_MIN = 8 * 1024;
export const MEMLIMIT_CAP = 1024 * 1024 * 1024;

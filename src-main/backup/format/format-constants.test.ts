import { describe, expect, it } from 'vitest';
import * as format from './format-constants';
import { loadSodium } from './sodium';

describe('format constants', () => {
  it('match the installed libsodium, since they are frozen into the file format', async () => {
    const sodium = await loadSodium();
    expect({
      KDF_ALG_ARGON2ID13: format.KDF_ALG_ARGON2ID13,
      SALT_BYTES: format.SALT_BYTES,
      KEY_BYTES: format.KEY_BYTES,
      STREAM_HEADER_BYTES: format.STREAM_HEADER_BYTES,
      ABYTES: format.ABYTES,
      TAG_MESSAGE: format.TAG_MESSAGE,
      TAG_FINAL: format.TAG_FINAL,
      DEFAULT_OPSLIMIT: format.DEFAULT_OPSLIMIT,
      DEFAULT_MEMLIMIT: format.DEFAULT_MEMLIMIT,
      OPSLIMIT_MIN: format.OPSLIMIT_MIN,
      MEMLIMIT_MIN: format.MEMLIMIT_MIN,
      MEMLIMIT_CAP: format.MEMLIMIT_CAP,
    }).toEqual({
      KDF_ALG_ARGON2ID13: sodium.crypto_pwhash_ALG_ARGON2ID13,
      SALT_BYTES: sodium.crypto_pwhash_SALTBYTES,
      KEY_BYTES: sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES,
      STREAM_HEADER_BYTES: sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES,
      ABYTES: sodium.crypto_secretstream_xchacha20poly1305_ABYTES,
      TAG_MESSAGE: sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
      TAG_FINAL: sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
      DEFAULT_OPSLIMIT: sodium.crypto_pwhash_OPSLIMIT_MODERATE,
      DEFAULT_MEMLIMIT: sodium.crypto_pwhash_MEMLIMIT_MODERATE,
      OPSLIMIT_MIN: sodium.crypto_pwhash_OPSLIMIT_MIN,
      MEMLIMIT_MIN: sodium.crypto_pwhash_MEMLIMIT_MIN,
      MEMLIMIT_CAP: sodium.crypto_pwhash_MEMLIMIT_SENSITIVE,
    });
  });

  it('lay the header fields out back to back with no gaps', () => {
    const { HEADER_LAYOUT: at } = format;
    expect(at.formatVersion).toBe(at.magic + format.MAGIC.length);
    expect(at.kdfAlgorithm).toBe(at.formatVersion + 2);
    expect(at.opslimit).toBe(at.kdfAlgorithm + 2);
    expect(at.memlimit).toBe(at.opslimit + 4);
    expect(at.salt).toBe(at.memlimit + 8);
    expect(at.streamHeader).toBe(at.salt + format.SALT_BYTES);
    expect(format.HEADER_SIZE).toBe(at.streamHeader + format.STREAM_HEADER_BYTES);
    expect(new TextDecoder().decode(format.MAGIC)).toBe('NVBACKUP');
    expect(format.MAX_FRAME_CIPHERTEXT).toBe(format.MAX_CHUNK_SIZE + format.ABYTES);
  });
});

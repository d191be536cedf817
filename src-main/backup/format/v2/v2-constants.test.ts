import { describe, expect, it } from 'vitest';
import { KEY_BYTES, SALT_BYTES, STREAM_HEADER_BYTES } from '../format-constants';
import { loadSodium } from '../sodium';
import * as v2 from './v2-constants';

describe('format v2 constants', () => {
  it('match the installed libsodium, since they are frozen into the file format', async () => {
    const sodium = await loadSodium();
    expect({
      X25519_KEY_BYTES: v2.X25519_KEY_BYTES,
      X25519_SECRET_BYTES: v2.X25519_KEY_BYTES,
      BOX_PUBLIC_KEY_BYTES: v2.X25519_KEY_BYTES,
      AEAD_NONCE_BYTES: v2.AEAD_NONCE_BYTES,
      AEAD_TAG_BYTES: v2.AEAD_TAG_BYTES,
      AEAD_KEY_BYTES: v2.FILE_KEY_BYTES,
      STREAM_KEY_BYTES: v2.FILE_KEY_BYTES,
    }).toEqual({
      X25519_KEY_BYTES: sodium.crypto_scalarmult_BYTES,
      X25519_SECRET_BYTES: sodium.crypto_scalarmult_SCALARBYTES,
      BOX_PUBLIC_KEY_BYTES: sodium.crypto_box_PUBLICKEYBYTES,
      AEAD_NONCE_BYTES: sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
      AEAD_TAG_BYTES: sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES,
      AEAD_KEY_BYTES: sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
      STREAM_KEY_BYTES: sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES,
    });
  });

  it("keep every BLAKE2b output and key within crypto_generichash's 16..64 bytes", async () => {
    const sodium = await loadSodium();
    const { crypto_generichash_BYTES_MIN: min, crypto_generichash_BYTES_MAX: max } = sodium;
    for (const outBytes of [v2.KEY_ID_BYTES, v2.HEADER_MAC_BYTES, KEY_BYTES, v2.X25519_KEY_BYTES]) {
      expect(outBytes).toBeGreaterThanOrEqual(min);
      expect(outBytes).toBeLessThanOrEqual(max);
    }
    // Keys: the key-id string, the recovery code's bytes, 32-byte keys and shared secrets.
    for (const keyBytes of [v2.CONTEXT.keyId.length, v2.RECOVERY_CODE_BYTES, KEY_BYTES]) {
      expect(keyBytes).toBeGreaterThanOrEqual(sodium.crypto_generichash_KEYBYTES_MIN);
      expect(keyBytes).toBeLessThanOrEqual(sodium.crypto_generichash_KEYBYTES_MAX);
    }
  });

  it('lay the header and slots out as section 14 says', () => {
    const at = v2.V2_LAYOUT;
    expect([at.formatVersion, at.flags, at.streamHeader]).toEqual([8, 10, 12]);
    expect(v2.FIXED_PART_BYTES).toBe(at.streamHeader + STREAM_HEADER_BYTES);
    expect([at.slotAreaLength, at.slotCount, at.reserved, at.slots]).toEqual([36, 38, 39, 40]);
    expect(v2.FIXED_PART_BYTES).toBe(at.slotAreaLength);
    expect(v2.SLOT_KDF_BYTES).toBe(2 + 4 + 8 + SALT_BYTES);
    expect(v2.SLOT_BODY_BYTES).toEqual({ passkey: 126, 'recovery-code': 96, device: 96 });
    expect(v2.WRAPPED_FILE_KEY_BYTES).toBe(48);
    expect(v2.MAX_V2_HEADER_BYTES).toBe(72 + 1024);
    // The section 14 example: three slots, S = 330, H = 402.
    const slotArea = Object.values(v2.SLOT_BODY_BYTES).reduce(
      (sum, body) => sum + v2.SLOT_HEAD_BYTES + body,
      0,
    );
    expect([slotArea, v2.V2_HEADER_OVERHEAD + slotArea]).toEqual([330, 402]);
    // Writers fill at most one slot of each kind: they always fit the bounds readers check.
    expect(Object.keys(v2.SLOT_KIND_BYTES).length).toBeLessThanOrEqual(v2.MAX_SLOT_COUNT);
    expect(slotArea).toBeLessThanOrEqual(v2.MAX_SLOT_AREA_BYTES);
  });
});

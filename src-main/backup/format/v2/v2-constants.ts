/**
 * Every number and string format version 2 adds (docs/backup-format.md sections 13-14).
 * Frozen into the file format like format-constants.ts; `v2-constants.test.ts` checks the ones
 * that are libsodium sizes against the installed libsodium.
 */
import { KEY_BYTES, SALT_BYTES, STREAM_HEADER_BYTES } from '../format-constants';

export const FORMAT_VERSION_V2 = 2;

/** Byte offsets of the v2 header's fixed fields (section 14). */
export const V2_LAYOUT = {
  magic: 0,
  formatVersion: 8,
  flags: 10,
  streamHeader: 12,
  slotAreaLength: 36,
  slotCount: 38,
  reserved: 39,
  slots: 40,
} as const;

/** Bytes 0-35: never change for the life of a file; chunk 0's additional data. */
export const FIXED_PART_BYTES = V2_LAYOUT.streamHeader + STREAM_HEADER_BYTES;
/** What a reader reads before it knows the slot area's length. */
export const V2_HEADER_PREFIX_BYTES = V2_LAYOUT.slots;
/** BLAKE2b-256 over everything before it. */
export const HEADER_MAC_BYTES = 32;
/** A header without slots: prefix plus MAC; the whole header is this plus S. */
export const V2_HEADER_OVERHEAD = V2_HEADER_PREFIX_BYTES + HEADER_MAC_BYTES;

/** Bounds a reader checks before reading the slot area (section 17 steps 3-4). */
export const MAX_SLOT_COUNT = 8;
export const MAX_SLOT_AREA_BYTES = 1024;
/** The largest header a reader ever reads. */
export const MAX_V2_HEADER_BYTES = V2_HEADER_OVERHEAD + MAX_SLOT_AREA_BYTES;

/** kind (u8), reserved (u8), body length B (u16). */
export const SLOT_HEAD_BYTES = 4;
export const KEY_ID_BYTES = 16;
/** u16 algorithm, u32 opslimit, u64 memlimit, salt: section 4's fields. */
export const SLOT_KDF_BYTES = 2 + 4 + 8 + SALT_BYTES;
/** crypto_scalarmult_BYTES = crypto_box_PUBLICKEYBYTES = crypto_box_SECRETKEYBYTES. */
export const X25519_KEY_BYTES = 32;
/** crypto_aead_xchacha20poly1305_ietf_NPUBBYTES: the wrap's nonce is this many zero bytes. */
export const AEAD_NONCE_BYTES = 24;
/** crypto_aead_xchacha20poly1305_ietf_ABYTES. */
export const AEAD_TAG_BYTES = 16;
export const FILE_KEY_BYTES = KEY_BYTES;
export const WRAPPED_FILE_KEY_BYTES = FILE_KEY_BYTES + AEAD_TAG_BYTES;

/** Slot kind bytes, in the order writers lay slots out. */
export const SLOT_KIND_BYTES = { passkey: 1, 'recovery-code': 2, device: 3 } as const;

/** Body length B of each known kind: key id, KDF fields (passkey only), epk, wrapped file key. */
export const SLOT_BODY_BYTES = {
  passkey: KEY_ID_BYTES + SLOT_KDF_BYTES + X25519_KEY_BYTES + WRAPPED_FILE_KEY_BYTES,
  'recovery-code': KEY_ID_BYTES + X25519_KEY_BYTES + WRAPPED_FILE_KEY_BYTES,
  device: KEY_ID_BYTES + X25519_KEY_BYTES + WRAPPED_FILE_KEY_BYTES,
} as const;

/** The recovery code's secret: 20 random bytes (section 19); one source with the code's text form. */
export { RECOVERY_CODE_BYTES } from '../../../../src-shared/recovery-code';

/** BLAKE2b personalisation strings (section 13); ASCII, no terminator. */
export const CONTEXT = {
  streamKey: 'NoteVault v2 stream key',
  headerKey: 'NoteVault v2 header key',
  passkey: 'NoteVault v2 passkey',
  recoveryCode: 'NoteVault v2 recovery code',
  keyId: 'NoteVault v2 key id',
} as const;

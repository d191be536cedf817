/**
 * Key slots (docs/backup-format.md sections 13-14): the file key wrapped for one way in's
 * X25519 public key, and the walk over a header's slot area that bounds every slot before
 * anything is derived from it.
 */
import { NoteVaultError } from '../../../../src-shared/errors';
import { assertKdfParamsWithinBounds } from '../kdf';
import type { KdfParams } from '../kdf';
import { SALT_BYTES } from '../format-constants';
import { loadSodium } from '../sodium';
import { headerDamaged } from './header-errors';
import {
  AEAD_NONCE_BYTES,
  FILE_KEY_BYTES,
  KEY_ID_BYTES,
  SLOT_BODY_BYTES,
  SLOT_HEAD_BYTES,
  SLOT_KIND_BYTES,
  V2_LAYOUT,
  WRAPPED_FILE_KEY_BYTES,
  X25519_KEY_BYTES,
} from './v2-constants';
import { keyIdOf, publicKeyOf } from './way-in-keys';
import type { SlotKind } from './way-in-keys';

/** A way in a writer makes a slot for: only its public key (and, for a passkey, the salt and costs that give sk). */
export type Recipient =
  | { kind: 'passkey'; kdf: KdfParams; publicKey: Uint8Array }
  | { kind: 'recovery-code' | 'device'; publicKey: Uint8Array };

/** A slot of an existing header carried over byte for byte (section 20): its wrap does not depend on the rest of the header. */
export interface KeptSlot {
  kind: 'kept';
  slot: ParsedSlot;
}

export interface ParsedSlot {
  kind: SlotKind | 'unknown';
  kindByte: number;
  /** 16 bytes; empty for an unknown kind, whose layout this version does not know. */
  keyId: Uint8Array;
  /** The passkey slot's salt and costs, already within section 4's bounds. */
  kdf?: KdfParams;
  /** File offset of the slot's kind byte. */
  offset: number;
  /** The whole slot: kind through the wrapped file key. */
  bytes: Uint8Array;
}

const KIND_OF_BYTE = new Map<number, SlotKind>(
  (Object.entries(SLOT_KIND_BYTES) as [SlotKind, number][]).map(([kind, byte]) => [byte, kind]),
);

/** The 24-byte all-zero nonce: safe because every wrap key is new (it depends on a fresh ephemeral key). */
const ZERO_NONCE = new Uint8Array(AEAD_NONCE_BYTES);

/** Where `epk` starts: after the slot prefix (kind .. key id, plus the KDF fields in a passkey slot). */
function epkOffset(slotLength: number): number {
  return slotLength - X25519_KEY_BYTES - WRAPPED_FILE_KEY_BYTES;
}

async function wrapKeyFor(shared: Uint8Array, epk: Uint8Array, publicKey: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const message = new Uint8Array(2 * X25519_KEY_BYTES);
  message.set(epk, 0);
  message.set(publicKey, X25519_KEY_BYTES);
  return sodium.crypto_generichash(FILE_KEY_BYTES, message, shared);
}

function encodeKdf(target: Uint8Array, at: number, kdf: KdfParams): void {
  const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
  view.setUint16(at, kdf.algorithm, true);
  view.setUint32(at + 2, kdf.opslimit, true);
  view.setBigUint64(at + 6, BigInt(kdf.memlimit), true);
  target.set(kdf.salt, at + 14);
}

function decodeKdf(source: Uint8Array, at: number): KdfParams {
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  return {
    algorithm: view.getUint16(at, true),
    opslimit: view.getUint32(at + 2, true),
    // Beyond 2^53 precision is lost but the value stays far above the cap, all the bounds need.
    memlimit: Number(view.getBigUint64(at + 6, true)),
    salt: Uint8Array.from(source.subarray(at + 14, at + 14 + SALT_BYTES)),
  };
}

/** One slot wrapping `fileKey` for `recipient` with a fresh ephemeral key pair. */
export async function encodeSlot(fileKey: Uint8Array, recipient: Recipient): Promise<Uint8Array> {
  if (fileKey.length !== FILE_KEY_BYTES || recipient.publicKey.length !== X25519_KEY_BYTES) {
    throw new NoteVaultError('INTERNAL', `A ${recipient.kind} slot needs a 32-byte file key and public key.`);
  }
  if (recipient.kind === 'passkey') assertKdfParamsWithinBounds(recipient.kdf);
  const sodium = await loadSodium();
  const bodyLength = SLOT_BODY_BYTES[recipient.kind];
  const slot = new Uint8Array(SLOT_HEAD_BYTES + bodyLength);
  slot[0] = SLOT_KIND_BYTES[recipient.kind];
  new DataView(slot.buffer).setUint16(2, bodyLength, true);
  slot.set(await keyIdOf(recipient.publicKey), SLOT_HEAD_BYTES);
  if (recipient.kind === 'passkey') encodeKdf(slot, SLOT_HEAD_BYTES + KEY_ID_BYTES, recipient.kdf);

  const at = epkOffset(slot.length);
  const ephemeral = sodium.crypto_box_keypair();
  let shared: Uint8Array | undefined;
  let wrapKey: Uint8Array | undefined;
  try {
    try {
      shared = sodium.crypto_scalarmult(ephemeral.privateKey, recipient.publicKey);
    } catch (cause) {
      throw new NoteVaultError('INTERNAL', `The ${recipient.kind} public key is not a usable X25519 key.`, {
        cause,
      });
    }
    slot.set(ephemeral.publicKey, at);
    wrapKey = await wrapKeyFor(shared, ephemeral.publicKey, recipient.publicKey);
    const additionalData = slot.subarray(0, at + X25519_KEY_BYTES);
    const wrapped = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      fileKey,
      additionalData,
      null,
      ZERO_NONCE,
      wrapKey,
    );
    slot.set(wrapped, at + X25519_KEY_BYTES);
    return slot;
  } finally {
    ephemeral.privateKey.fill(0);
    shared?.fill(0);
    wrapKey?.fill(0);
  }
}

/**
 * The file key from `slot` with the way in's secret key. The caller has matched the key id,
 * so the secret is right: a failure here means the slot was altered (BACKUP_DAMAGED).
 */
export async function unwrapSlot(
  slot: ParsedSlot,
  secretKey: Uint8Array,
  fileLabel: string,
  /** publicKeyOf(secretKey), when the caller has it already. */
  knownPublicKey?: Uint8Array,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const at = epkOffset(slot.bytes.length);
  const epk = slot.bytes.subarray(at, at + X25519_KEY_BYTES);
  const publicKey = knownPublicKey ?? (await publicKeyOf(secretKey));
  let shared: Uint8Array | undefined;
  let wrapKey: Uint8Array | undefined;
  try {
    try {
      shared = sodium.crypto_scalarmult(secretKey, epk);
    } catch {
      throw headerDamaged(
        fileLabel,
        `the ${slot.kind} slot at byte offset ${slot.offset} holds an unusable ephemeral key`,
      );
    }
    wrapKey = await wrapKeyFor(shared, epk, publicKey);
    try {
      return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        slot.bytes.subarray(at + X25519_KEY_BYTES),
        slot.bytes.subarray(0, at + X25519_KEY_BYTES),
        ZERO_NONCE,
        wrapKey,
      );
    } catch {
      throw headerDamaged(
        fileLabel,
        `the ${slot.kind} slot at byte offset ${slot.offset} matches the key but its wrapped file key does not open, so the slot was altered`,
      );
    }
  } finally {
    shared?.fill(0);
    wrapKey?.fill(0);
  }
}

/**
 * Section 17 step 5: walks `slotCount` slots in `header[40 .. 40 + slotAreaLength)`, which the
 * caller has read whole. Every length is checked against what remains before it is used.
 */
export function parseSlotArea(
  header: Uint8Array,
  slotCount: number,
  slotAreaLength: number,
  fileLabel: string,
): ParsedSlot[] {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const end = V2_LAYOUT.slots + slotAreaLength;
  const slots: ParsedSlot[] = [];
  const seen = new Set<SlotKind>();
  let at: number = V2_LAYOUT.slots;
  for (let index = 1; index <= slotCount; index++) {
    const where = `slot ${index} of ${slotCount} (byte offset ${at})`;
    const remaining = end - at;
    if (remaining < SLOT_HEAD_BYTES) {
      throw headerDamaged(
        fileLabel,
        `${where} starts ${remaining} bytes before the end of the slot area, too few for a slot`,
      );
    }
    const kindByte = view.getUint8(at);
    const bodyLength = view.getUint16(at + 2, true);
    if (bodyLength > remaining - SLOT_HEAD_BYTES) {
      throw headerDamaged(
        fileLabel,
        `${where} has a body length of ${bodyLength} bytes, past the slot area's end at byte offset ${end}`,
      );
    }
    if (view.getUint8(at + 1) !== 0)
      throw headerDamaged(fileLabel, `${where} has a reserved byte that is not 0`);
    const kind = KIND_OF_BYTE.get(kindByte);
    // Plain copies: on a Buffer, slice() would be a view into the read buffer.
    const bytes = Uint8Array.from(header.subarray(at, at + SLOT_HEAD_BYTES + bodyLength));
    if (kind === undefined) {
      slots.push({ kind: 'unknown', kindByte, keyId: new Uint8Array(0), offset: at, bytes });
    } else {
      if (bodyLength !== SLOT_BODY_BYTES[kind]) {
        throw headerDamaged(
          fileLabel,
          `${where} is a ${kind} slot of ${bodyLength} bytes; it must be ${SLOT_BODY_BYTES[kind]}`,
        );
      }
      if (seen.has(kind)) throw headerDamaged(fileLabel, `${where} is a second ${kind} slot`);
      seen.add(kind);
      const keyId = Uint8Array.from(bytes.subarray(SLOT_HEAD_BYTES, SLOT_HEAD_BYTES + KEY_ID_BYTES));
      if (kind === 'passkey') {
        const kdf = decodeKdf(bytes, SLOT_HEAD_BYTES + KEY_ID_BYTES);
        assertKdfParamsWithinBounds(kdf, fileLabel);
        slots.push({ kind, kindByte, keyId, kdf, offset: at, bytes });
      } else {
        slots.push({ kind, kindByte, keyId, offset: at, bytes });
      }
    }
    at += SLOT_HEAD_BYTES + bodyLength;
  }
  if (at !== end) {
    throw headerDamaged(
      fileLabel,
      `its ${slotCount} slots take ${at - V2_LAYOUT.slots} bytes, but the slot area is ${slotAreaLength} bytes`,
    );
  }
  return slots;
}

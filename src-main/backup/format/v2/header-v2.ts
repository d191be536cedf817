/**
 * The v2 cleartext header (docs/backup-format.md sections 14, 17 steps 1-6, 18 and 20):
 * encoding, the bounded decoding a reader does before any key work, and the header MAC
 * that authenticates every header byte and commits to the file key.
 */
import { NoteVaultError } from '../../../../src-shared/errors';
import { MAGIC, STREAM_HEADER_BYTES } from '../format-constants';
import type { KdfParams } from '../kdf';
import { loadSodium } from '../sodium';
import { headerDamaged, headerUnsupported } from './header-errors';
import { encodeSlot, parseSlotArea } from './slots';
import type { KeptSlot, ParsedSlot, Recipient } from './slots';
import {
  FIXED_PART_BYTES,
  FORMAT_VERSION_V2,
  HEADER_MAC_BYTES,
  MAX_SLOT_AREA_BYTES,
  MAX_SLOT_COUNT,
  SLOT_HEAD_BYTES,
  SLOT_KIND_BYTES,
  V2_HEADER_OVERHEAD,
  V2_HEADER_PREFIX_BYTES,
  V2_LAYOUT,
} from './v2-constants';
import { fileSubkeys } from './way-in-keys';

export interface BackupHeaderV2 {
  formatVersion: 2;
  streamHeader: Uint8Array;
  /** Bytes 0-35: chunk 0's additional data; the same for the life of the file. */
  fixedPart: Uint8Array;
  /** Every slot in file order, unknown kinds included (a rewrite may keep them). */
  slots: ParsedSlot[];
  /** H = 72 + S: frame 0 starts here. */
  headerLength: number;
  /** All H bytes as stored, MAC included. */
  bytes: Uint8Array;
  /** The passkey slot's salt and costs (shown before asking for the passkey), if it has one. */
  passkeyKdf: KdfParams | undefined;
}

function cutShort(fileLabel: string, length: number, headerLength: number | undefined): NoteVaultError {
  const inside =
    headerLength === undefined
      ? `the header's first ${V2_HEADER_PREFIX_BYTES} bytes`
      : `the ${headerLength}-byte header`;
  return headerDamaged(fileLabel, `the file ends at byte offset ${length}, inside ${inside}`);
}

/**
 * Section 17 steps 1-4 on the header's first 40 bytes (the caller has checked the signature
 * and version 2): every bound on the slot area, so the caller knows how much to read (at most
 * 72 + 1024 bytes) before reading it. Returns H.
 */
export function headerV2Length(fileStart: Uint8Array, fileLabel: string): number {
  if (fileStart.length < V2_HEADER_PREFIX_BYTES) throw cutShort(fileLabel, fileStart.length, undefined);
  const view = new DataView(fileStart.buffer, fileStart.byteOffset, fileStart.byteLength);
  if (view.getUint16(V2_LAYOUT.formatVersion, true) !== FORMAT_VERSION_V2) {
    throw new NoteVaultError(
      'INTERNAL',
      `${fileLabel} is not a version 2 backup; its header was read as one.`,
    );
  }
  const flags = view.getUint16(V2_LAYOUT.flags, true);
  if (flags !== 0) {
    throw headerUnsupported(
      fileLabel,
      `sets header flags 0x${flags.toString(16)} (byte offset ${V2_LAYOUT.flags}), which this version does not know`,
    );
  }
  const slotCount = view.getUint8(V2_LAYOUT.slotCount);
  if (slotCount === 0)
    throw headerDamaged(
      fileLabel,
      `its header has no key slots (slot count at byte offset ${V2_LAYOUT.slotCount} is 0)`,
    );
  if (view.getUint8(V2_LAYOUT.reserved) !== 0) {
    throw headerDamaged(fileLabel, `the reserved header byte at byte offset ${V2_LAYOUT.reserved} is not 0`);
  }
  if (slotCount > MAX_SLOT_COUNT) {
    throw headerUnsupported(
      fileLabel,
      `has ${slotCount} key slots (byte offset ${V2_LAYOUT.slotCount}), more than the ${MAX_SLOT_COUNT} this version accepts`,
    );
  }
  const slotAreaLength = view.getUint16(V2_LAYOUT.slotAreaLength, true);
  if (slotAreaLength < SLOT_HEAD_BYTES * slotCount) {
    throw headerDamaged(
      fileLabel,
      `its slot area of ${slotAreaLength} bytes (byte offset ${V2_LAYOUT.slotAreaLength}) cannot hold ${slotCount} slots`,
    );
  }
  if (slotAreaLength > MAX_SLOT_AREA_BYTES) {
    throw headerUnsupported(
      fileLabel,
      `has a slot area of ${slotAreaLength} bytes (byte offset ${V2_LAYOUT.slotAreaLength}), more than the ${MAX_SLOT_AREA_BYTES} this version accepts`,
    );
  }
  return V2_HEADER_OVERHEAD + slotAreaLength;
}

/**
 * Parses and checks a v2 header (section 17 steps 1-6) from the file's first bytes, which
 * hold at least H bytes unless the file is shorter. Derives nothing: the MAC is checked by
 * unlockFileKey once the file key is known.
 */
export function decodeHeaderV2(fileStart: Uint8Array, fileLabel: string): BackupHeaderV2 {
  const headerLength = headerV2Length(fileStart, fileLabel);
  if (fileStart.length < headerLength) throw cutShort(fileLabel, fileStart.length, headerLength);
  const slotAreaLength = headerLength - V2_HEADER_OVERHEAD;
  const slotCount = fileStart[V2_LAYOUT.slotCount] ?? 0; // present: headerV2Length read it
  const slots = parseSlotArea(fileStart, slotCount, slotAreaLength, fileLabel);
  if (slots.every((slot) => slot.kind === 'unknown')) {
    throw headerUnsupported(
      fileLabel,
      `has only key slots of kinds this version does not know (${slots.map((s) => s.kindByte).join(', ')})`,
    );
  }
  return {
    formatVersion: FORMAT_VERSION_V2,
    streamHeader: Uint8Array.from(
      fileStart.subarray(V2_LAYOUT.streamHeader, V2_LAYOUT.streamHeader + STREAM_HEADER_BYTES),
    ),
    fixedPart: Uint8Array.from(fileStart.subarray(0, FIXED_PART_BYTES)),
    slots,
    headerLength,
    bytes: Uint8Array.from(fileStart.subarray(0, headerLength)),
    passkeyKdf: slots.find((slot) => slot.kind === 'passkey')?.kdf,
  };
}

/** BLAKE2b-256(headerKey, everything before the MAC). */
async function headerMac(macked: Uint8Array, fileKey: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const { streamKey, headerKey } = await fileSubkeys(fileKey);
  streamKey.fill(0);
  try {
    return sodium.crypto_generichash(HEADER_MAC_BYTES, macked, headerKey);
  } finally {
    headerKey.fill(0);
  }
}

async function macMatches(header: BackupHeaderV2, fileKey: Uint8Array): Promise<boolean> {
  const sodium = await loadSodium();
  const macAt = header.headerLength - HEADER_MAC_BYTES;
  const expected = await headerMac(header.bytes.subarray(0, macAt), fileKey);
  return sodium.memcmp(expected, header.bytes.subarray(macAt));
}

/** Section 17 step 10: the header is exactly what the holder of `fileKey` wrote. */
export async function verifyHeaderMac(
  header: BackupHeaderV2,
  fileKey: Uint8Array,
  fileLabel: string,
): Promise<void> {
  if (!(await macMatches(header, fileKey))) {
    throw headerDamaged(
      fileLabel,
      `its header MAC (byte offset ${header.headerLength - HEADER_MAC_BYTES}) does not match, so a header byte was altered`,
    );
  }
}

const KNOWN_KIND_BYTES = new Set<number>(Object.values(SLOT_KIND_BYTES));

function kindByteOf(source: Recipient | KeptSlot): number {
  return source.kind === 'kept' ? source.slot.kindByte : SLOT_KIND_BYTES[source.kind];
}

/** Slots in kind order after the fixed part, then the MAC. Refuses what no reader would accept. */
async function assembleHeader(
  fixedPart: Uint8Array,
  fileKey: Uint8Array,
  sources: readonly (Recipient | KeptSlot)[],
): Promise<Uint8Array> {
  const ordered = [...sources].sort((a, b) => kindByteOf(a) - kindByteOf(b));
  const known = ordered.map(kindByteOf).filter((byte) => KNOWN_KIND_BYTES.has(byte));
  if (known.length === 0 || new Set(known).size !== known.length || ordered.length > MAX_SLOT_COUNT) {
    throw new NoteVaultError(
      'INTERNAL',
      `A v2 header needs 1 to ${MAX_SLOT_COUNT} slots with at most one of each kind, at least one known; got kinds ${ordered.map(kindByteOf).join(', ')}.`,
    );
  }
  const slots = await Promise.all(
    ordered.map((source) =>
      source.kind === 'kept' ? Promise.resolve(source.slot.bytes) : encodeSlot(fileKey, source),
    ),
  );
  const slotAreaLength = slots.reduce((sum, slot) => sum + slot.length, 0);
  if (slotAreaLength > MAX_SLOT_AREA_BYTES) {
    throw new NoteVaultError(
      'INTERNAL',
      `The slots take ${slotAreaLength} bytes; a v2 header holds at most ${MAX_SLOT_AREA_BYTES}.`,
    );
  }
  const bytes = new Uint8Array(V2_HEADER_OVERHEAD + slotAreaLength);
  bytes.set(fixedPart, 0);
  new DataView(bytes.buffer).setUint16(V2_LAYOUT.slotAreaLength, slotAreaLength, true);
  bytes[V2_LAYOUT.slotCount] = slots.length;
  let at: number = V2_LAYOUT.slots;
  for (const slot of slots) {
    bytes.set(slot, at);
    at += slot.length;
  }
  bytes.set(await headerMac(bytes.subarray(0, at), fileKey), at);
  return bytes;
}

/** A new file's header (section 18 step 4): one slot per recipient, in kind order, then the MAC. */
export async function encodeHeaderV2(
  fileKey: Uint8Array,
  streamHeader: Uint8Array,
  recipients: readonly Recipient[],
): Promise<Uint8Array> {
  if (streamHeader.length !== STREAM_HEADER_BYTES) {
    throw new NoteVaultError(
      'INTERNAL',
      `The secretstream header is ${streamHeader.length} bytes; expected ${STREAM_HEADER_BYTES}.`,
    );
  }
  const fixedPart = new Uint8Array(FIXED_PART_BYTES);
  fixedPart.set(MAGIC, V2_LAYOUT.magic);
  new DataView(fixedPart.buffer).setUint16(V2_LAYOUT.formatVersion, FORMAT_VERSION_V2, true);
  fixedPart.set(streamHeader, V2_LAYOUT.streamHeader);
  return assembleHeader(fixedPart, fileKey, recipients);
}

/**
 * New slots for an existing file (section 20): the same fixed part, fresh wraps for
 * `recipients`, slots named in a KeptSlot copied byte for byte (an old recovery code's slot
 * whose public key is gone; a kind this version does not know), a new MAC. `fileKey` must be
 * the one this header's MAC was made with: writing another would lock the file for good.
 */
export async function rewrapHeader(
  header: BackupHeaderV2,
  fileKey: Uint8Array,
  recipients: readonly (Recipient | KeptSlot)[],
): Promise<Uint8Array> {
  if (!(await macMatches(header, fileKey))) {
    throw new NoteVaultError(
      'INTERNAL',
      'The file key given for the new slots is not the one this backup header was made with.',
    );
  }
  return assembleHeader(header.fixedPart, fileKey, recipients);
}

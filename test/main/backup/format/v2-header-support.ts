/**
 * Shared by the v2 header tests only: a secret for each way in, and headers assembled by hand
 * (with libsodium directly, not the code under test) so a test can make any slot layout,
 * hostile or not, with a valid MAC.
 */
import type { KdfParams } from '../../../../src-main/backup/format/kdf';
import { deriveKey } from '../../../../src-main/backup/format/kdf';
import { loadSodium } from '../../../../src-main/backup/format/sodium';
import type { Recipient } from '../../../../src-main/backup/format/v2/slots';
import {
  passkeySecretKey,
  publicKeyOf,
  recoverySecretKey,
} from '../../../../src-main/backup/format/v2/way-in-keys';
import { cheapKdfParams } from './test-support';

export interface WayInSecrets {
  passkey: string;
  kdf: KdfParams;
  passkeySecretKey: Uint8Array;
  recoveryCode: Uint8Array;
  recoverySecretKey: Uint8Array;
  deviceSecretKey: Uint8Array;
  /** One recipient per way in, in kind order. */
  recipients: Recipient[];
}

/** Fresh secrets for all three ways in; the passkey's Argon2id runs at libsodium's minimum costs. */
export async function makeWayInSecrets(passkey = 'correct horse battery staple'): Promise<WayInSecrets> {
  const kdf = cheapKdfParams();
  const argon = await deriveKey(passkey, kdf);
  const pskSk = await passkeySecretKey(argon);
  const recoveryCode = crypto.getRandomValues(new Uint8Array(20));
  const recSk = await recoverySecretKey(recoveryCode);
  const deviceSecretKey = crypto.getRandomValues(new Uint8Array(32));
  return {
    passkey,
    kdf,
    passkeySecretKey: pskSk,
    recoveryCode,
    recoverySecretKey: recSk,
    deviceSecretKey,
    recipients: [
      { kind: 'passkey', kdf, publicKey: await publicKeyOf(pskSk) },
      { kind: 'recovery-code', publicKey: await publicKeyOf(recSk) },
      { kind: 'device', publicKey: await publicKeyOf(deviceSecretKey) },
    ],
  };
}

export const STREAM_HEADER = Uint8Array.from({ length: 24 }, (_, i) => 0xa0 + i);

/** The 36-byte fixed part of section 14, with `overrides` applied to the version and flags. */
export function fixedPart(options: { version?: number; flags?: number } = {}): Uint8Array {
  const bytes = new Uint8Array(36);
  bytes.set(Buffer.from('NVBACKUP', 'ascii'), 0);
  const view = new DataView(bytes.buffer);
  view.setUint16(8, options.version ?? 2, true);
  view.setUint16(10, options.flags ?? 0, true);
  bytes.set(STREAM_HEADER, 12);
  return bytes;
}

/** A raw slot: kind, reserved, body length (the body's own unless given), body. */
export function rawSlot(
  kind: number,
  body: Uint8Array,
  options: { reserved?: number; bodyLength?: number } = {},
): Uint8Array {
  const slot = new Uint8Array(4 + body.length);
  slot[0] = kind;
  slot[1] = options.reserved ?? 0;
  new DataView(slot.buffer).setUint16(2, options.bodyLength ?? body.length, true);
  slot.set(body, 4);
  return slot;
}

/**
 * fixed part || S || N || reserved || slots || BLAKE2b-256(headerKey(fileKey), all before).
 * S and N default to the slots' real size and count; the MAC is always valid for what is written.
 */
export async function assembleRawHeader(
  slots: readonly Uint8Array[],
  fileKey: Uint8Array,
  options: { slotAreaLength?: number; slotCount?: number; reserved?: number; fixed?: Uint8Array } = {},
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const area = Buffer.concat(slots);
  const head = new Uint8Array(40);
  head.set(options.fixed ?? fixedPart(), 0);
  const view = new DataView(head.buffer);
  view.setUint16(36, options.slotAreaLength ?? area.length, true);
  head[38] = options.slotCount ?? slots.length;
  head[39] = options.reserved ?? 0;
  const macked = Buffer.concat([head, area]);
  const headerKey = sodium.crypto_generichash(32, Buffer.from('NoteVault v2 header key', 'ascii'), fileKey);
  return Buffer.concat([macked, sodium.crypto_generichash(32, macked, headerKey)]);
}

/** Plain copy of `bytes` with bit `bit` of byte `offset` flipped. */
export function withBitFlipped(bytes: Uint8Array, offset: number, bit: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[offset] = (copy[offset] ?? 0) ^ (1 << bit);
  return copy;
}

/**
 * v2 helpers for this folder's tests: the three ways in with cheap settings, and backups
 * written with the real writer for them.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encryptFileToFile } from '../../../../src-main/backup/format/encrypt-stream';
import type { EncryptOptions } from '../../../../src-main/backup/format/encrypt-stream';
import { TAG_FINAL, TAG_MESSAGE } from '../../../../src-main/backup/format/format-constants';
import { encodeFrameLength } from '../../../../src-main/backup/format/frames';
import { decodeAnyHeader } from '../../../../src-main/backup/format/header';
import { deriveKey } from '../../../../src-main/backup/format/kdf';
import type { KdfParams } from '../../../../src-main/backup/format/kdf';
import type { BackupMetadataInput } from '../../../../src-main/backup/format/metadata';
import { loadSodium } from '../../../../src-main/backup/format/sodium';
import { encodeHeaderV2 } from '../../../../src-main/backup/format/v2/header-v2';
import type { Recipient } from '../../../../src-main/backup/format/v2/slots';
import { unlockFileKey } from '../../../../src-main/backup/format/v2/unlock-file-key';
import type { WayInSecret } from '../../../../src-main/backup/format/v2/unlock-file-key';
import { FIXED_PART_BYTES } from '../../../../src-main/backup/format/v2/v2-constants';
import {
  fileSubkeys,
  newFileKey,
  passkeySecretKey,
  publicKeyOf,
  recoverySecretKey,
} from '../../../../src-main/backup/format/v2/way-in-keys';
import { SAMPLE_METADATA, cheapKdfParams } from './test-support';

export interface WaysIn {
  passkey: string;
  kdf: KdfParams;
  recoveryCode: Uint8Array;
  deviceSecretKey: Uint8Array;
  recipients: Recipient[];
  /** One secret per way in, as a reader holds it. */
  secrets: WayInSecret[];
}

/** A passkey with libsodium's minimum Argon2id costs, a recovery code and a device key. */
export async function cheapWaysIn(passkey = 'correct horse battery staple'): Promise<WaysIn> {
  const kdf = cheapKdfParams();
  const argon2id = await deriveKey(passkey, kdf);
  const passkeySk = await passkeySecretKey(argon2id);
  const recoveryCode = crypto.getRandomValues(new Uint8Array(20));
  const deviceSecretKey = crypto.getRandomValues(new Uint8Array(32));
  const recipients: Recipient[] = [
    { kind: 'passkey', kdf, publicKey: await publicKeyOf(passkeySk) },
    { kind: 'recovery-code', publicKey: await publicKeyOf(await recoverySecretKey(recoveryCode)) },
    { kind: 'device', publicKey: await publicKeyOf(deviceSecretKey) },
  ];
  return {
    passkey,
    kdf,
    recoveryCode,
    deviceSecretKey,
    recipients,
    secrets: [
      { kind: 'passkey', passkey },
      { kind: 'recovery-code', code: recoveryCode },
      { kind: 'device', secretKey: deviceSecretKey },
    ],
  };
}

export interface WrittenBackupV2 {
  path: string;
  fileKey: Uint8Array;
  ways: WaysIn;
  plaintext: Uint8Array;
}

/** Encrypts `plaintext` into a v2 backup with the real writer, through a real source file. */
export async function writeBackupV2(
  dir: string,
  plaintext: Uint8Array,
  options: EncryptOptions & { name?: string; ways?: WaysIn; metadata?: BackupMetadataInput } = {},
): Promise<WrittenBackupV2> {
  const name = options.name ?? 'backup-v2';
  const ways = options.ways ?? (await cheapWaysIn());
  const fileKey = newFileKey();
  const source = join(dir, `${name}.plain`);
  const path = join(dir, `${name}.nvbak`);
  await writeFile(source, plaintext);
  await encryptFileToFile(
    source,
    path,
    { formatVersion: 2, fileKey, recipients: ways.recipients },
    options.metadata ?? SAMPLE_METADATA,
    options,
  );
  return { path, fileKey, ways, plaintext };
}

/** What a reader holding one secret does first: the file key from the header's bytes. */
export async function unlockFromBytes(
  fileBytes: Uint8Array,
  secret: WayInSecret,
  label: string,
): Promise<Uint8Array> {
  const header = decodeAnyHeader(fileBytes, label);
  if (header.formatVersion !== 2) throw new Error(`${label} is not a v2 backup`);
  return unlockFileKey(header, secret, label);
}

export interface CraftedChunkV2 {
  plaintext: Uint8Array;
  tag: number;
}

/**
 * Writes a correctly encrypted v2 file whose chunks, tags and metadata bytes are chosen by the
 * test (padding included: the chunks carry exactly what is given), for reader rules the real
 * writer never breaks. Returns the header's length.
 */
export async function craftBackupV2(
  path: string,
  fileKey: Uint8Array,
  recipients: readonly Recipient[],
  metadataPlaintext: Uint8Array,
  chunks: CraftedChunkV2[],
): Promise<number> {
  const sodium = await loadSodium();
  const { streamKey } = await fileSubkeys(fileKey);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(streamKey);
  const headerBytes = await encodeHeaderV2(fileKey, header, recipients);
  const parts: Uint8Array[] = [headerBytes];
  const pushFrame = (plaintext: Uint8Array, ad: Uint8Array | null, tag: number): void => {
    const ciphertext = sodium.crypto_secretstream_xchacha20poly1305_push(state, plaintext, ad, tag);
    parts.push(encodeFrameLength(ciphertext.length), ciphertext);
  };
  pushFrame(metadataPlaintext, headerBytes.subarray(0, FIXED_PART_BYTES), TAG_MESSAGE);
  for (const chunk of chunks) pushFrame(chunk.plaintext, null, chunk.tag);
  await writeFile(path, Buffer.concat(parts));
  return headerBytes.length;
}

/** The v2 metadata JSON for `payload` (unpadded), with members replaced by `lies`. */
export function metadataV2For(payload: Uint8Array, lies: Record<string, unknown> = {}): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      formatVersion: 2,
      ...SAMPLE_METADATA,
      plaintextSize: payload.length,
      plaintextSha256: createHash('sha256').update(payload).digest('hex'),
      ...lies,
    }),
  );
}

/** Payload followed by `padding` zero bytes (or the bytes given), cut into chunks of `chunkSize`, the last FINAL. */
export function paddedChunks(
  payload: Uint8Array,
  padding: number | Uint8Array,
  chunkSize: number,
): CraftedChunkV2[] {
  const pad = typeof padding === 'number' ? new Uint8Array(padding) : padding;
  const stored = Buffer.concat([payload, pad]);
  const chunks: CraftedChunkV2[] = [];
  for (let at = 0; at < stored.length || chunks.length === 0; at += chunkSize) {
    chunks.push({
      plaintext: stored.subarray(at, at + chunkSize),
      tag: at + chunkSize >= stored.length ? TAG_FINAL : TAG_MESSAGE,
    });
  }
  return chunks;
}

/** File offsets of every frame after a v2 header. */
export async function frameOffsetsV2(path: string): Promise<number[]> {
  const bytes = await readFile(path);
  const header = decodeAnyHeader(bytes, path);
  const start = header.formatVersion === 2 ? header.headerLength : 64;
  const offsets: number[] = [];
  for (let at = start; at < bytes.length; at += 4 + bytes.readUInt32LE(at)) offsets.push(at);
  return offsets;
}

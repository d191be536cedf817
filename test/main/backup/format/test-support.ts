/**
 * Shared by this folder's tests only: temporary folders, cheap KDF parameters, and a way
 * to write backups with hand-picked chunks and tags that the real writer would never produce.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { NoteVaultError } from '../../../../src-shared/errors';
import type { ErrorCode } from '../../../../src-shared/errors';
import { decryptFile } from '../../../../src-main/backup/format/decrypt-stream';
import { encryptFileToFile } from '../../../../src-main/backup/format/encrypt-stream';
import type { EncryptOptions } from '../../../../src-main/backup/format/encrypt-stream';
import {
  ABYTES,
  FRAME_LENGTH_BYTES,
  HEADER_SIZE,
  MEMLIMIT_MIN,
  MAX_CHUNK_SIZE,
  OPSLIMIT_MIN,
  TAG_FINAL,
  TAG_MESSAGE,
} from '../../../../src-main/backup/format/format-constants';
import { encodeFrameLength } from '../../../../src-main/backup/format/frames';
import { encodeHeader, inspectHeaderV1 } from '../../../../src-main/backup/format/header';
import { deriveKey } from '../../../../src-main/backup/format/kdf';
import type { KdfParams } from '../../../../src-main/backup/format/kdf';
import type { BackupMetadataInput } from '../../../../src-main/backup/format/metadata';
import { loadSodium } from '../../../../src-main/backup/format/sodium';

export async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'notevault-backup-format-'));
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** libsodium's minimum work factors: milliseconds per derivation. */
export function cheapKdfParams(): KdfParams {
  return {
    algorithm: 2,
    opslimit: OPSLIMIT_MIN,
    memlimit: MEMLIMIT_MIN,
    salt: crypto.getRandomValues(new Uint8Array(16)),
  };
}

export const SAMPLE_METADATA: BackupMetadataInput = {
  appVersion: '0.1.0',
  schemaVersion: 3,
  createdAt: '2025-06-01T12:00:00.000Z',
  noteCount: 7,
  kind: 'manual',
};

/** Deterministic, non-repeating-looking bytes so misplaced chunks cannot decrypt to the same data. */
export function patternBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

export interface WrittenBackup {
  path: string;
  passkey: string;
  key: Uint8Array;
  kdf: KdfParams;
  plaintext: Uint8Array;
}

/** Encrypts `plaintext` with the real writer, through a real source file. */
export async function writeBackup(
  dir: string,
  plaintext: Uint8Array,
  options: EncryptOptions & { name?: string; passkey?: string } = {},
): Promise<WrittenBackup> {
  const name = options.name ?? 'backup';
  const passkey = options.passkey ?? 'correct horse battery staple';
  const kdf = cheapKdfParams();
  const key = await deriveKey(passkey, kdf);
  const source = join(dir, `${name}.plain`);
  const path = join(dir, `${name}.nvbak`);
  await writeFile(source, plaintext);
  await encryptFileToFile(source, path, { formatVersion: 1, key, kdf }, SAMPLE_METADATA, options);
  return { path, passkey, key, kdf, plaintext };
}

/** What the app does on restore: read the header, derive the key it asks for, decrypt. */
export async function decryptWithPasskey(path: string, passkey: string): Promise<Uint8Array> {
  const header = await inspectHeaderV1(path);
  const key = await deriveKey(passkey, header.kdf);
  return decryptToBytes(path, key);
}

export async function decryptToBytes(path: string, key: Uint8Array): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await decryptFile(path, key, { onChunk: (chunk) => void parts.push(chunk.slice()) });
  return Buffer.concat(parts);
}

/** File offsets of every frame after the header, parsed from the length fields. */
export async function frameOffsets(path: string): Promise<number[]> {
  const bytes = await readFile(path);
  const offsets: number[] = [];
  for (let at = HEADER_SIZE; at < bytes.length; at += FRAME_LENGTH_BYTES + bytes.readUInt32LE(at)) {
    offsets.push(at);
  }
  return offsets;
}

export interface CraftedChunk {
  plaintext: Uint8Array;
  tag: number;
}

/**
 * Writes a structurally valid, correctly encrypted file whose chunks and tags are chosen by
 * the test, for checking reader rules the real writer can never violate.
 */
export async function craftBackup(
  path: string,
  key: Uint8Array,
  kdf: KdfParams,
  metadataPlaintext: Uint8Array,
  chunks: CraftedChunk[],
  metadataTag = TAG_MESSAGE,
): Promise<void> {
  const sodium = await loadSodium();
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const headerBytes = encodeHeader(kdf, header);
  const parts: Uint8Array[] = [headerBytes];
  const pushFrame = (plaintext: Uint8Array, ad: Uint8Array | null, tag: number): void => {
    const ciphertext = sodium.crypto_secretstream_xchacha20poly1305_push(state, plaintext, ad, tag);
    expect(ciphertext.length).toBe(plaintext.length + ABYTES);
    parts.push(encodeFrameLength(ciphertext.length), ciphertext);
  };
  pushFrame(metadataPlaintext, headerBytes, metadataTag);
  for (const chunk of chunks) pushFrame(chunk.plaintext, null, chunk.tag);
  await writeFile(path, Buffer.concat(parts));
}

/**
 * Copies the backup `source` to `target` with the same payload and KDF settings but with
 * metadata members replaced by `lies`: an authentic file whose metadata only a check
 * against the file itself (or the payload) can catch. `key` opens `source`.
 */
export async function rewriteMetadata(
  source: string,
  target: string,
  key: Uint8Array,
  lies: Record<string, unknown>,
): Promise<void> {
  const { kdf } = await inspectHeaderV1(source);
  const parts: Uint8Array[] = [];
  const { metadata } = await decryptFile(source, key, { onChunk: (chunk) => void parts.push(chunk.slice()) });
  const payload = Buffer.concat(parts);
  const chunks: CraftedChunk[] = [];
  for (let at = 0; at < payload.length || chunks.length === 0; at += MAX_CHUNK_SIZE) {
    const plaintext = payload.subarray(at, at + MAX_CHUNK_SIZE);
    chunks.push({ plaintext, tag: at + MAX_CHUNK_SIZE >= payload.length ? TAG_FINAL : TAG_MESSAGE });
  }
  const json = new TextEncoder().encode(JSON.stringify({ ...metadata, ...lies }));
  await craftBackup(target, key, kdf, json, chunks);
}

/** Awaits `promise`, expecting a NoteVaultError with `code` whose message matches every pattern. */
export async function expectFailure(
  promise: Promise<unknown>,
  code: ErrorCode,
  ...patterns: (string | RegExp)[]
): Promise<NoteVaultError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return checkFailure(error, code, patterns);
}

/** The synchronous twin of expectFailure. */
export function expectThrows(
  run: () => unknown,
  code: ErrorCode,
  ...patterns: (string | RegExp)[]
): NoteVaultError {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  return checkFailure(error, code, patterns);
}

function checkFailure(error: unknown, code: ErrorCode, patterns: (string | RegExp)[]): NoteVaultError {
  expect(error, `expected a NoteVaultError ${code}`).toBeInstanceOf(NoteVaultError);
  const failure = error as NoteVaultError;
  expect({ code: failure.code, message: failure.message }).toMatchObject({ code });
  for (const pattern of patterns) expect(failure.message).toMatch(pattern);
  return failure;
}

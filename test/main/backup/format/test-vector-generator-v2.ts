/**
 * Writes the committed format v2 test vectors (test/main/backup/test-vectors/v2-*.nvbak) and
 * their part of manifest.json (`v2Vectors`), leaving the v1 files and entries as they are.
 * Run only on purpose:
 * `NOTEVAULT_WRITE_TEST_VECTORS=v2 npx vitest run src-main/backup/format/test-vectors.test.ts`.
 * Every run gives different bytes (fresh file keys, secrets, salts, ephemeral keys) for the
 * same contents.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRecoveryCode } from '../../../../src-shared/recovery-code';
import { encryptFileToFile } from '../../../../src-main/backup/format/encrypt-stream';
import { ABYTES, FRAME_LENGTH_BYTES } from '../../../../src-main/backup/format/format-constants';
import { decodeAnyHeader } from '../../../../src-main/backup/format/header';
import { deriveKey, passkeyBytes } from '../../../../src-main/backup/format/kdf';
import type { KdfParams } from '../../../../src-main/backup/format/kdf';
import type { BackupMetadata, BackupMetadataInput } from '../../../../src-main/backup/format/metadata';
import { padme } from '../../../../src-main/backup/format/v2/padme';
import type { Recipient } from '../../../../src-main/backup/format/v2/slots';
import type { SlotKind } from '../../../../src-main/backup/format/v2/way-in-keys';
import {
  newFileKey,
  passkeySecretKey,
  publicKeyOf,
  recoverySecretKey,
} from '../../../../src-main/backup/format/v2/way-in-keys';

export interface TestVectorV2 {
  file: string;
  description: string;
  /** Slot kinds in file order. */
  slots: SlotKind[];
  /** H: frame 0 starts here. */
  headerLength: number;
  /** The secret of every way in the file has a slot for. */
  secrets: {
    passkey?: string;
    /** UTF-8 of the NFC-normalised passkey: the password Argon2id receives. */
    passkeyUtf8Hex?: string;
    /** As section 19 formats it, for typing. */
    recoveryCode?: string;
    /** The code's 20 bytes. */
    recoveryCodeHex?: string;
    deviceSecretKeyHex?: string;
  };
  /** The passkey slot's KDF fields (its salt is in the slot). */
  kdf?: { algorithm: number; opslimit: number; memlimit: number };
  /** What every slot unwraps to, for checking an implementation step by step. */
  fileKeyHex: string;
  chunkSize: number;
  /** Frames after the header: the metadata chunk plus the data chunks. */
  frameCount: number;
  /** padme(plaintextSize): the bytes the data chunks carry, payload and zero padding. */
  paddedLength: number;
  plaintextUtf8?: string;
  metadata: BackupMetadata;
}

interface VectorSpecV2 {
  file: string;
  description: string;
  slots: SlotKind[];
  passkey?: string;
  chunkSize: number;
  metadata: BackupMetadataInput;
  payload: Uint8Array;
}

const encoder = new TextEncoder();

/** Deterministic text of `length` ASCII bytes, so a reader can see the payload. */
function lines(length: number): Uint8Array {
  let text = '';
  for (let i = 1; text.length < length; i++)
    text += `Line ${i} of the NoteVault v2 multi-chunk test vector.\n`;
  return encoder.encode(text.slice(0, length));
}

const SPECS: VectorSpecV2[] = [
  {
    file: 'v2-all-slots.nvbak',
    description:
      'Passkey, recovery-code and device-key slots (a scheduled backup); 45 bytes of text padded to ' +
      'padme(45) = 48, in one final chunk holding the payload and 3 zero bytes.',
    slots: ['passkey', 'recovery-code', 'device'],
    passkey: 'correct horse battery staple',
    chunkSize: 65536,
    metadata: {
      appVersion: '0.2.0',
      schemaVersion: 1,
      createdAt: '2026-12-06T04:05:06.789Z',
      noteCount: 1,
      kind: 'scheduled',
    },
    payload: encoder.encode('Hello from NoteVault.\nThis is test vector 2.\n'),
  },
  {
    file: 'v2-passkey-only.nvbak',
    description:
      'A passkey slot only; empty payload (padme(0) = 0): the metadata chunk, then one empty final chunk.',
    slots: ['passkey'],
    passkey: 'notevault test vector 1',
    chunkSize: 65536,
    metadata: {
      appVersion: '0.2.0',
      schemaVersion: 1,
      createdAt: '2026-12-06T00:00:00.000Z',
      noteCount: 0,
      kind: 'manual',
    },
    payload: new Uint8Array(0),
  },
  {
    file: 'v2-multi-chunk.nvbak',
    description:
      'Passkey and recovery-code slots; 5000 bytes of text padded to padme(5000) = 5120 in 1000-byte ' +
      'chunks: five chunks of text, then a final chunk of 120 zero bytes of padding alone. The passkey ' +
      'is given in decomposed (NFD) form, so a reader must NFC-normalise it.',
    slots: ['passkey', 'recovery-code'],
    passkey: 'p\u0061\u0308sskey-\u00fc-NFD'.normalize('NFD'),
    chunkSize: 1000,
    metadata: {
      appVersion: '0.2.0',
      schemaVersion: 1,
      createdAt: '2026-12-06T05:06:07.000Z',
      noteCount: 3,
      kind: 'before-restore',
    },
    payload: lines(5000),
  },
];

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

async function waysFor(
  spec: VectorSpecV2,
): Promise<{ recipients: Recipient[]; vector: Pick<TestVectorV2, 'secrets' | 'kdf'> }> {
  const recipients: Recipient[] = [];
  const secrets: TestVectorV2['secrets'] = {};
  let kdfFields: TestVectorV2['kdf'];
  for (const kind of spec.slots) {
    if (kind === 'passkey') {
      const passkey = spec.passkey as string;
      // libsodium's minimum costs, so the vectors open in milliseconds.
      const kdf: KdfParams = {
        algorithm: 2,
        opslimit: 1,
        memlimit: 8192,
        salt: crypto.getRandomValues(new Uint8Array(16)),
      };
      const secretKey = await passkeySecretKey(await deriveKey(passkey, kdf));
      recipients.push({ kind, kdf, publicKey: await publicKeyOf(secretKey) });
      secrets.passkey = passkey;
      secrets.passkeyUtf8Hex = hex(passkeyBytes(passkey));
      kdfFields = { algorithm: kdf.algorithm, opslimit: kdf.opslimit, memlimit: kdf.memlimit };
    } else if (kind === 'recovery-code') {
      const code = crypto.getRandomValues(new Uint8Array(20));
      recipients.push({ kind, publicKey: await publicKeyOf(await recoverySecretKey(code)) });
      secrets.recoveryCode = formatRecoveryCode(code);
      secrets.recoveryCodeHex = hex(code);
    } else {
      const secretKey = crypto.getRandomValues(new Uint8Array(32));
      recipients.push({ kind, publicKey: await publicKeyOf(secretKey) });
      secrets.deviceSecretKeyHex = hex(secretKey);
    }
  }
  return { recipients, vector: { secrets, ...(kdfFields === undefined ? {} : { kdf: kdfFields }) } };
}

/** Writes the v2 vectors into `outDir` and sets manifest.json's `v2Vectors` (creating the manifest if needed). */
export async function generateTestVectorsV2(outDir: string): Promise<TestVectorV2[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'notevault-vectors-v2-'));
  try {
    const vectors: TestVectorV2[] = [];
    for (const spec of SPECS) {
      const source = join(scratch, `${spec.file}.plain`);
      await writeFile(source, spec.payload);
      const { recipients, vector } = await waysFor(spec);
      const fileKey = newFileKey();
      const path = join(outDir, spec.file);
      const { metadata } = await encryptFileToFile(
        source,
        path,
        { formatVersion: 2, fileKey, recipients },
        spec.metadata,
        { chunkSize: spec.chunkSize },
      );
      if (createHash('sha256').update(spec.payload).digest('hex') !== metadata.plaintextSha256) {
        throw new Error(`The digest recorded for ${spec.file} does not match its payload.`);
      }
      const bytes = await readFile(path);
      const header = decodeAnyHeader(bytes, path);
      if (header.formatVersion !== 2) throw new Error(`${spec.file} was not written as v2`);
      const paddedLength = padme(spec.payload.length);
      const frameCount = 1 + Math.max(1, Math.ceil(paddedLength / spec.chunkSize));
      const metadataFrame = FRAME_LENGTH_BYTES + bytes.readUInt32LE(header.headerLength);
      const expectedSize =
        header.headerLength + metadataFrame + (frameCount - 1) * (FRAME_LENGTH_BYTES + ABYTES) + paddedLength;
      if (bytes.length !== expectedSize)
        throw new Error(`${spec.file} is ${bytes.length} bytes, expected ${expectedSize}`);
      vectors.push({
        file: spec.file,
        description: spec.description,
        slots: spec.slots,
        headerLength: header.headerLength,
        ...vector,
        fileKeyHex: hex(fileKey),
        chunkSize: spec.chunkSize,
        frameCount,
        paddedLength,
        plaintextUtf8: new TextDecoder().decode(spec.payload),
        metadata,
      });
      fileKey.fill(0);
    }
    await updateManifest(outDir, vectors);
    return vectors;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function updateManifest(outDir: string, v2Vectors: TestVectorV2[]): Promise<void> {
  const path = join(outDir, 'manifest.json');
  const existing = await readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as Record<string, unknown>,
    () => ({}),
  );
  const manifest = {
    ...existing,
    v2Note:
      'Format v2 test vectors (docs/backup-format.md sections 13-21). Every secret is given: the passkey ' +
      '(Argon2id costs here are deliberately cheap), the recovery code as typed and as its 20 bytes, the ' +
      'device secret key. The header is headerLength bytes; data chunks carry paddedLength bytes.',
    v2Vectors,
  };
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

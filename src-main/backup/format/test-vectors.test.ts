import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecoveryCode } from '../../../src-shared/recovery-code';
import { decryptFile } from './decrypt-stream';
import { inspectAnyHeader, inspectHeaderV1 } from './header';
import { deriveKey, passkeyBytes } from './kdf';
import { unlockFileKey } from './v2/unlock-file-key';
import type { WayInSecret } from './v2/unlock-file-key';
import { generateTestVectors } from '../../../test/main/backup/format/test-vector-generator';
import type { TestVectorManifest } from '../../../test/main/backup/format/test-vector-generator';
import { generateTestVectorsV2 } from '../../../test/main/backup/format/test-vector-generator-v2';
import type { TestVectorV2 } from '../../../test/main/backup/format/test-vector-generator-v2';
import { frameOffsets, makeTempDir, removeTempDir } from '../../../test/main/backup/format/test-support';
import { frameOffsetsV2 } from '../../../test/main/backup/format/v2-test-support';

const COMMITTED = join(__dirname, '../../../test/main/backup/test-vectors');

async function expectVectorsDecrypt(dir: string, manifest: TestVectorManifest): Promise<void> {
  expect(manifest.vectors.map((v) => v.file)).toEqual(['empty.nvbak', 'small.nvbak', 'multi-chunk.nvbak']);
  for (const vector of manifest.vectors) {
    const path = join(dir, vector.file);
    const header = await inspectHeaderV1(path);
    expect(header.kdf).toMatchObject(vector.kdf);
    expect(Buffer.from(passkeyBytes(vector.passkey)).toString('hex')).toBe(vector.passkeyUtf8Hex);
    const key = await deriveKey(vector.passkey, header.kdf);
    const parts: Uint8Array[] = [];
    const result = await decryptFile(path, key, { onChunk: (chunk) => void parts.push(chunk.slice()) });
    const plaintext = Buffer.concat(parts);
    expect(result.metadata).toEqual(vector.metadata);
    expect(plaintext.length).toBe(vector.metadata.plaintextSize);
    expect(createHash('sha256').update(plaintext).digest('hex')).toBe(vector.metadata.plaintextSha256);
    if (vector.plaintextUtf8 !== undefined) expect(plaintext.toString('utf8')).toBe(vector.plaintextUtf8);
    expect(await frameOffsets(path)).toHaveLength(vector.frameCount);
  }
}

const V2_FILES = ['v2-all-slots.nvbak', 'v2-passkey-only.nvbak', 'v2-multi-chunk.nvbak'];

/** The secrets a v2 vector's manifest entry gives, as a reader holds them; the recovery code from its text. */
function secretsOf(vector: TestVectorV2): WayInSecret[] {
  const secrets: WayInSecret[] = [];
  const { passkey, recoveryCode, recoveryCodeHex, deviceSecretKeyHex } = vector.secrets;
  if (passkey !== undefined) secrets.push({ kind: 'passkey', passkey });
  if (recoveryCode !== undefined) {
    const parsed = parseRecoveryCode(recoveryCode);
    if (!parsed.ok) throw new Error(`${vector.file}: ${parsed.message}`);
    expect(Buffer.from(parsed.bytes).toString('hex')).toBe(recoveryCodeHex);
    secrets.push({ kind: 'recovery-code', code: parsed.bytes });
  }
  if (deviceSecretKeyHex !== undefined) {
    secrets.push({ kind: 'device', secretKey: Buffer.from(deviceSecretKeyHex, 'hex') });
  }
  return secrets;
}

async function expectV2VectorsDecrypt(dir: string, vectors: TestVectorV2[]): Promise<void> {
  expect(vectors.map((v) => v.file)).toEqual(V2_FILES);
  for (const vector of vectors) {
    const path = join(dir, vector.file);
    const header = await inspectAnyHeader(path);
    if (header.formatVersion !== 2) throw new Error(`${vector.file} is not v2`);
    expect(header.headerLength).toBe(vector.headerLength);
    expect(header.slots.map((slot) => slot.kind)).toEqual(vector.slots);
    if (vector.kdf !== undefined) expect(header.passkeyKdf).toMatchObject(vector.kdf);
    const secrets = secretsOf(vector);
    expect(secrets.map((secret) => secret.kind)).toEqual(vector.slots);
    for (const secret of secrets) {
      const fileKey = await unlockFileKey(header, secret, path);
      expect(Buffer.from(fileKey).toString('hex')).toBe(vector.fileKeyHex);
      const parts: Uint8Array[] = [];
      const result = await decryptFile(path, fileKey, { onChunk: (chunk) => void parts.push(chunk.slice()) });
      const plaintext = Buffer.concat(parts);
      expect(result.metadata).toEqual(vector.metadata);
      expect(plaintext.length).toBe(vector.metadata.plaintextSize);
      expect(createHash('sha256').update(plaintext).digest('hex')).toBe(vector.metadata.plaintextSha256);
      if (vector.plaintextUtf8 !== undefined) expect(plaintext.toString('utf8')).toBe(vector.plaintextUtf8);
    }
    const bytes = await readFile(path);
    const offsets = await frameOffsetsV2(path);
    expect(offsets).toHaveLength(vector.frameCount);
    const carried = offsets.slice(1).reduce((sum, at) => sum + bytes.readUInt32LE(at) - 17, 0);
    expect(carried).toBe(vector.paddedLength);
  }
}

describe('test vectors', () => {
  it('every committed vector decrypts to the contents its manifest records', async () => {
    const manifest = JSON.parse(
      await readFile(join(COMMITTED, 'manifest.json'), 'utf8'),
    ) as TestVectorManifest & { v2Vectors: TestVectorV2[] };
    await expectVectorsDecrypt(COMMITTED, manifest);
    await expectV2VectorsDecrypt(COMMITTED, manifest.v2Vectors);
    const sqlite = manifest.vectors[2]!;
    const bytes = Buffer.concat(await collect(join(COMMITTED, sqlite.file), sqlite.passkey));
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });

  describe('the generator', () => {
    let dir = '';
    beforeEach(async () => {
      dir = await makeTempDir();
    });
    afterEach(async () => {
      await removeTempDir(dir);
    });

    it('produces vectors that decrypt to what its manifest says', async () => {
      await expectVectorsDecrypt(dir, await generateTestVectors(dir));
      await expectV2VectorsDecrypt(dir, await generateTestVectorsV2(dir));
      // Each generator keeps the other's part of the manifest.
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(Object.keys(manifest)).toEqual(['note', 'formatVersion', 'vectors', 'v2Note', 'v2Vectors']);
    });
  });

  // Rewrites the committed files: only when asked to, never in a normal run. `1` rewrites the
  // v1 vectors, `v2` the v2 ones; each leaves the other's files and manifest entries alone.
  it.runIf(process.env.NOTEVAULT_WRITE_TEST_VECTORS === '1')(
    'regenerates the committed v1 vectors',
    async () => {
      await expectVectorsDecrypt(COMMITTED, await generateTestVectors(COMMITTED));
    },
  );
  it.runIf(process.env.NOTEVAULT_WRITE_TEST_VECTORS === 'v2')(
    'regenerates the committed v2 vectors',
    async () => {
      await expectV2VectorsDecrypt(COMMITTED, await generateTestVectorsV2(COMMITTED));
    },
  );
});

async function collect(path: string, passkey: string): Promise<Uint8Array[]> {
  const key = await deriveKey(passkey, (await inspectHeaderV1(path)).kdf);
  const parts: Uint8Array[] = [];
  await decryptFile(path, key, { onChunk: (chunk) => void parts.push(chunk.slice()) });
  return parts;
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptFile } from './decrypt-stream';
import { inspectHeader } from './header';
import { deriveKey, passkeyBytes } from './kdf';
import { generateTestVectors } from '../../../test/main/backup/format/test-vector-generator';
import type { TestVectorManifest } from '../../../test/main/backup/format/test-vector-generator';
import { frameOffsets, makeTempDir, removeTempDir } from '../../../test/main/backup/format/test-support';

const COMMITTED = join(__dirname, '../../../test/main/backup/test-vectors');

async function expectVectorsDecrypt(dir: string, manifest: TestVectorManifest): Promise<void> {
  expect(manifest.vectors.map((v) => v.file)).toEqual(['empty.nvbak', 'small.nvbak', 'multi-chunk.nvbak']);
  for (const vector of manifest.vectors) {
    const path = join(dir, vector.file);
    const header = await inspectHeader(path);
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

describe('test vectors', () => {
  it('every committed vector decrypts to the contents its manifest records', async () => {
    const manifest = JSON.parse(
      await readFile(join(COMMITTED, 'manifest.json'), 'utf8'),
    ) as TestVectorManifest;
    await expectVectorsDecrypt(COMMITTED, manifest);
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
    });
  });

  // Rewrites the committed files: only when asked to, never in a normal run.
  it.runIf(process.env.NOTEVAULT_WRITE_TEST_VECTORS === '1')(
    'regenerates the committed vectors',
    async () => {
      await expectVectorsDecrypt(COMMITTED, await generateTestVectors(COMMITTED));
    },
  );
});

async function collect(path: string, passkey: string): Promise<Uint8Array[]> {
  const key = await deriveKey(passkey, (await inspectHeader(path)).kdf);
  const parts: Uint8Array[] = [];
  await decryptFile(path, key, { onChunk: (chunk) => void parts.push(chunk.slice()) });
  return parts;
}

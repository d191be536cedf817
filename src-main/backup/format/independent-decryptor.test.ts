/**
 * A second decryptor written only from docs/backup-format.md: libsodium and byte parsing by
 * hand, none of this folder's reading code or test helpers. If it and the real reader ever
 * disagree, the document or the implementation is wrong. The one import from this folder is
 * the writer, used to produce fresh backups for it to read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encryptFileToFile } from './encrypt-stream';

/** The error categories of the document's section 8. */
class Rejected extends Error {
  constructor(
    readonly category: 'NOT_A_BACKUP' | 'BACKUP_UNSUPPORTED' | 'WRONG_PASSKEY' | 'BACKUP_DAMAGED',
    detail: string,
  ) {
    super(`${category}: ${detail}`);
  }
}

interface Decrypted {
  metadata: Record<string, unknown>;
  payload: Buffer;
}

/** Section 8, step by step. */
function decryptPerSpec(file: Buffer, passkey: string): Decrypted {
  // Header, steps 1-5.
  if (file.length < 8 || file.subarray(0, 8).toString('latin1') !== 'NVBACKUP') {
    throw new Rejected('NOT_A_BACKUP', 'no magic');
  }
  if (file.length < 10) throw new Rejected('BACKUP_DAMAGED', 'header cut');
  const version = file.readUInt16LE(8);
  if (version > 1) throw new Rejected('BACKUP_UNSUPPORTED', `format version ${version}`);
  if (version === 0) throw new Rejected('BACKUP_DAMAGED', 'version 0');
  if (file.length < 64) throw new Rejected('BACKUP_DAMAGED', 'header cut');
  const header = file.subarray(0, 64);
  const algorithm = header.readUInt16LE(10);
  const opslimit = header.readUInt32LE(12);
  const memlimit = header.readBigUInt64LE(16);
  if (algorithm !== 2) throw new Rejected('BACKUP_UNSUPPORTED', 'kdf algorithm');
  if (opslimit > 12) throw new Rejected('BACKUP_UNSUPPORTED', 'opslimit');
  if (memlimit > 1073741824n) throw new Rejected('BACKUP_UNSUPPORTED', 'memlimit');
  if (opslimit < 1) throw new Rejected('BACKUP_DAMAGED', 'opslimit');
  if (memlimit < 8192n) throw new Rejected('BACKUP_DAMAGED', 'memlimit');

  // Section 4.
  const password = Buffer.from(passkey.normalize('NFC'), 'utf8');
  const key = sodium.crypto_pwhash(32, password, header.subarray(24, 40), opslimit, Number(memlimit), 2);
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header.subarray(40, 64), key);

  let offset = 64;
  const readFrameAt = (index: number): Buffer => {
    if (offset + 4 > file.length) throw new Rejected('BACKUP_DAMAGED', `chunk ${index}: length cut`);
    const length = file.readUInt32LE(offset);
    if (length < 17 || length > 1048593) throw new Rejected('BACKUP_DAMAGED', `chunk ${index}: bad length`);
    if (offset + 4 + length > file.length) throw new Rejected('BACKUP_DAMAGED', `chunk ${index}: body cut`);
    const body = file.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return body;
  };

  // Chunk 0, steps 6-10.
  if (offset === file.length) throw new Rejected('BACKUP_DAMAGED', 'no metadata chunk');
  const first = sodium.crypto_secretstream_xchacha20poly1305_pull(state, readFrameAt(0), header);
  if (first === false) throw new Rejected('WRONG_PASSKEY', 'chunk 0 did not authenticate');
  if (first.tag !== 0) throw new Rejected('BACKUP_DAMAGED', 'metadata tag');
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(first.message)) as Record<
      string,
      unknown
    >;
  } catch {
    throw new Rejected('BACKUP_DAMAGED', 'metadata JSON');
  }
  const validMetadata =
    metadata.formatVersion === 1 &&
    typeof metadata.appVersion === 'string' &&
    metadata.appVersion.length >= 1 &&
    metadata.appVersion.length <= 64 &&
    isCount(metadata.schemaVersion) &&
    typeof metadata.createdAt === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(metadata.createdAt) &&
    isCount(metadata.noteCount) &&
    Number.isInteger(metadata.plaintextSize) &&
    typeof metadata.plaintextSha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(metadata.plaintextSha256) &&
    ['manual', 'scheduled', 'before-restore'].includes(metadata.kind as string);
  if (!validMetadata) throw new Rejected('BACKUP_DAMAGED', 'metadata fields');

  // Step 11 is skipped, as the document allows: nothing here uses the metadata before step 18.
  // Data chunks, steps 12-17.
  const parts: Uint8Array[] = [];
  for (let index = 1; ; index++) {
    if (offset === file.length)
      throw new Rejected('BACKUP_DAMAGED', `no final chunk after chunk ${index - 1}`);
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, readFrameAt(index), null);
    if (result === false) throw new Rejected('BACKUP_DAMAGED', `chunk ${index} did not authenticate`);
    if (result.tag !== 0 && result.tag !== 3) throw new Rejected('BACKUP_DAMAGED', `chunk ${index} tag`);
    parts.push(result.message);
    if (result.tag === 3) {
      if (offset !== file.length) throw new Rejected('BACKUP_DAMAGED', 'data after the final chunk');
      break;
    }
  }

  // Step 18.
  const payload = Buffer.concat(parts);
  if (
    payload.length !== metadata.plaintextSize ||
    createHash('sha256').update(payload).digest('hex') !== metadata.plaintextSha256
  ) {
    throw new Rejected('BACKUP_DAMAGED', 'payload does not match metadata');
  }
  return { metadata, payload };
}

/** Section 7: "integer >= 0". */
function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}

/**
 * `good` (whose passkey is `passkey`) with its stream made again around `metadata`, by sections
 * 3-7: an authentic file whose metadata breaks a rule only the reader checks.
 */
function withMetadata(good: Buffer, passkey: string, metadata: Record<string, unknown>): Buffer {
  const header = Buffer.from(good.subarray(0, 64));
  const password = Buffer.from(passkey.normalize('NFC'), 'utf8');
  const memlimit = Number(header.readBigUInt64LE(16));
  const key = sodium.crypto_pwhash(
    32,
    password,
    header.subarray(24, 40),
    header.readUInt32LE(12),
    memlimit,
    2,
  );
  const { payload } = decryptPerSpec(good, passkey);
  const pushed = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  header.set(pushed.header, 40);
  const frame = (message: Uint8Array, ad: Uint8Array | null, tag: number): Buffer[] => {
    const body = sodium.crypto_secretstream_xchacha20poly1305_push(pushed.state, message, ad, tag);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.length);
    return [length, Buffer.from(body)];
  };
  const json = new TextEncoder().encode(JSON.stringify(metadata));
  return Buffer.concat([header, ...frame(json, header, 0), ...frame(payload, null, 3)]);
}

const VECTORS = join(__dirname, '../../../test/main/backup/test-vectors');

interface ManifestEntry {
  file: string;
  passkey: string;
  frameCount: number;
  plaintextUtf8?: string;
  metadata: Record<string, unknown>;
}

describe('independent decryptor (docs/backup-format.md only)', () => {
  beforeAll(async () => {
    await sodium.ready;
  });

  it('decrypts every committed test vector to the manifest contents', async () => {
    const manifest = JSON.parse(await readFile(join(VECTORS, 'manifest.json'), 'utf8')) as {
      vectors: ManifestEntry[];
    };
    expect(manifest.vectors).toHaveLength(3);
    for (const vector of manifest.vectors) {
      const { metadata, payload } = decryptPerSpec(
        await readFile(join(VECTORS, vector.file)),
        vector.passkey,
      );
      expect(metadata).toEqual(vector.metadata);
      if (vector.plaintextUtf8 !== undefined) expect(payload.toString('utf8')).toBe(vector.plaintextUtf8);
    }
  });

  describe('on backups fresh from the writer', () => {
    let dir = '';
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'notevault-independent-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    async function freshBackup(payload: Uint8Array, chunkSize: number): Promise<Buffer> {
      const salt = randomBytes(16);
      const kdf = { algorithm: 2, opslimit: 1, memlimit: 8192, salt };
      const key = sodium.crypto_pwhash(32, Buffer.from('fresh passkey', 'utf8'), salt, 1, 8192, 2);
      const source = join(dir, 'payload');
      const target = join(dir, 'backup');
      await writeFile(source, payload);
      await encryptFileToFile(
        source,
        target,
        { formatVersion: 1, key, kdf },
        {
          appVersion: '9.9.9',
          schemaVersion: 2,
          createdAt: '2025-12-31T23:59:59.999Z',
          noteCount: 42,
          kind: 'scheduled',
        },
        { chunkSize },
      );
      return readFile(target);
    }

    it('reads what the writer wrote, for several sizes and chunk sizes', async () => {
      for (const [length, chunkSize] of [
        [0, 65536],
        [1, 7],
        [7000, 7],
        [300_000, 65536],
        [2 * 1048576 + 1, 1048576],
      ] as const) {
        const payload = randomBytes(length);
        const { metadata, payload: decrypted } = decryptPerSpec(
          await freshBackup(payload, chunkSize),
          'fresh passkey',
        );
        expect(decrypted.equals(Buffer.from(payload))).toBe(true);
        expect(metadata).toMatchObject({
          appVersion: '9.9.9',
          noteCount: 42,
          plaintextSize: length,
          kind: 'scheduled',
        });
      }
    });

    it('rejects what the document says to reject', async () => {
      const good = await freshBackup(randomBytes(100), 40);
      const flip = (at: number): Buffer => {
        const copy = Buffer.from(good);
        copy[at] = copy[at]! ^ 1;
        return copy;
      };
      const cases: [Buffer, string][] = [
        [good.subarray(0, good.length - 1), 'BACKUP_DAMAGED'],
        [Buffer.concat([good, Buffer.alloc(1)]), 'BACKUP_DAMAGED'],
        [flip(good.length - 5), 'BACKUP_DAMAGED'],
        [flip(30), 'WRONG_PASSKEY'],
        [flip(0), 'NOT_A_BACKUP'],
        [flip(9), 'BACKUP_UNSUPPORTED'],
      ];
      for (const [file, category] of cases) {
        expect(() => decryptPerSpec(file, 'fresh passkey')).toThrow(expect.objectContaining({ category }));
      }
      expect(() => decryptPerSpec(good, 'wrong passkey')).toThrow(
        expect.objectContaining({ category: 'WRONG_PASSKEY' }),
      );
    });

    it("rejects authentic metadata that breaks section 7's rules", async () => {
      const good = await freshBackup(randomBytes(100), 40);
      const { metadata } = decryptPerSpec(good, 'fresh passkey');
      const remade = (changes: Record<string, unknown>): Buffer =>
        withMetadata(good, 'fresh passkey', { ...metadata, ...changes });
      // Made again within the rules, the file opens: only the broken rule refuses the others.
      expect(
        decryptPerSpec(remade({ appVersion: 'x'.repeat(64), noteCount: 0 }), 'fresh passkey'),
      ).toBeDefined();
      for (const changes of [
        { appVersion: '' },
        { appVersion: 'x'.repeat(65) },
        { noteCount: -1 },
        { schemaVersion: -1 },
      ]) {
        expect(() => decryptPerSpec(remade(changes), 'fresh passkey'), JSON.stringify(changes)).toThrow(
          expect.objectContaining({
            category: 'BACKUP_DAMAGED',
            message: expect.stringContaining('metadata fields') as unknown,
          }),
        );
      }
    });
  });
});

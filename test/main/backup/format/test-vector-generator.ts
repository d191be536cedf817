/**
 * Writes the committed test vectors (test/main/backup/test-vectors/) and their manifest.
 * Run only on purpose: `NOTEVAULT_WRITE_TEST_VECTORS=1 npx vitest run src-main/backup/format/test-vectors.test.ts`.
 * Every run produces different bytes (fresh salt and secretstream header) for the same contents.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { encryptFileToFile } from '../../../../src-main/backup/format/encrypt-stream';
import { HEADER_SIZE } from '../../../../src-main/backup/format/format-constants';
import { deriveKey, passkeyBytes } from '../../../../src-main/backup/format/kdf';
import type { KdfParams } from '../../../../src-main/backup/format/kdf';
import type { BackupMetadata, BackupMetadataInput } from '../../../../src-main/backup/format/metadata';

export interface TestVector {
  file: string;
  description: string;
  passkey: string;
  /** The bytes Argon2id receives: UTF-8 of the NFC-normalised passkey. */
  passkeyUtf8Hex: string;
  chunkSize: number;
  kdf: { algorithm: number; opslimit: number; memlimit: number };
  /** Number of frames after the header: the metadata chunk plus the data chunks. */
  frameCount: number;
  /** Set when the payload is text, for a quick look; the digest is authoritative. */
  plaintextUtf8?: string;
  metadata: BackupMetadata;
}

export interface TestVectorManifest {
  note: string;
  formatVersion: 1;
  vectors: TestVector[];
}

interface VectorSpec {
  file: string;
  description: string;
  passkey: string;
  chunkSize: number;
  opslimit: number;
  memlimit: number;
  metadata: BackupMetadataInput;
  payload: (scratch: string) => Promise<Uint8Array>;
  text: boolean;
}

const SPECS: VectorSpec[] = [
  {
    file: 'empty.nvbak',
    description: 'Empty payload: the metadata chunk, then one empty final chunk.',
    passkey: 'notevault test vector 1',
    chunkSize: 65536,
    opslimit: 1,
    memlimit: 8192,
    metadata: {
      appVersion: '0.1.0',
      schemaVersion: 1,
      createdAt: '2025-01-01T00:00:00.000Z',
      noteCount: 0,
      kind: 'manual',
    },
    payload: () => Promise.resolve(new Uint8Array(0)),
    text: true,
  },
  {
    file: 'small.nvbak',
    description: 'A short text payload in a single final chunk.',
    passkey: 'correct horse battery staple',
    chunkSize: 65536,
    opslimit: 2,
    memlimit: 65536,
    metadata: {
      appVersion: '0.1.0',
      schemaVersion: 1,
      createdAt: '2025-02-03T04:05:06.789Z',
      noteCount: 1,
      kind: 'scheduled',
    },
    payload: () =>
      Promise.resolve(new TextEncoder().encode('Hello from NoteVault.\nThis is test vector 2.\n')),
    text: true,
  },
  {
    file: 'multi-chunk.nvbak',
    description:
      'A real SQLite database (built with better-sqlite3) in 1000-byte chunks; the passkey is ' +
      'non-ASCII and given here in decomposed (NFD) form, so a reader must NFC-normalise it.',
    passkey: 'p\u0061\u0308sskey-\u00fc-NFD'.normalize('NFD'),
    chunkSize: 1000,
    opslimit: 1,
    memlimit: 8192,
    metadata: {
      appVersion: '0.1.0',
      schemaVersion: 1,
      createdAt: '2025-03-04T05:06:07.000Z',
      noteCount: 3,
      kind: 'before-restore',
    },
    payload: buildSqlitePayload,
    text: false,
  },
];

async function buildSqlitePayload(scratch: string): Promise<Uint8Array> {
  const path = join(scratch, 'vector.db');
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO notes (title, body) VALUES (?, ?)');
    insert.run('First note', 'Backups are encrypted with XChaCha20-Poly1305 secretstream.');
    insert.run('Second note', 'Keys come from Argon2id.');
    insert.run('Third note', 'Ünïcödé survives the round trip.');
  } finally {
    db.close();
  }
  return readFile(path);
}

export async function generateTestVectors(outDir: string): Promise<TestVectorManifest> {
  const scratch = await mkdtemp(join(tmpdir(), 'notevault-vectors-'));
  try {
    const vectors: TestVector[] = [];
    for (const spec of SPECS) {
      const payload = await spec.payload(scratch);
      const source = join(scratch, `${spec.file}.plain`);
      await writeFile(source, payload);
      const kdf: KdfParams = {
        algorithm: 2,
        opslimit: spec.opslimit,
        memlimit: spec.memlimit,
        salt: crypto.getRandomValues(new Uint8Array(16)),
      };
      const key = await deriveKey(spec.passkey, kdf);
      const { metadata } = await encryptFileToFile(
        source,
        join(outDir, spec.file),
        { formatVersion: 1, key, kdf },
        spec.metadata,
        {
          chunkSize: spec.chunkSize,
        },
      );
      vectors.push({
        file: spec.file,
        description: spec.description,
        passkey: spec.passkey,
        passkeyUtf8Hex: Buffer.from(passkeyBytes(spec.passkey)).toString('hex'),
        chunkSize: spec.chunkSize,
        kdf: { algorithm: kdf.algorithm, opslimit: kdf.opslimit, memlimit: kdf.memlimit },
        frameCount: 1 + Math.max(1, Math.ceil(payload.length / spec.chunkSize)),
        ...(spec.text ? { plaintextUtf8: new TextDecoder().decode(payload) } : {}),
        metadata,
      });
      if (createHash('sha256').update(payload).digest('hex') !== metadata.plaintextSha256) {
        throw new Error(`The digest recorded for ${spec.file} does not match its payload.`);
      }
    }
    const manifest: TestVectorManifest = {
      note: `Format v1 test vectors; see docs/backup-format.md. Header is ${HEADER_SIZE} bytes; KDF settings here are deliberately cheap.`,
      formatVersion: 1,
      vectors,
    };
    // The v2 vectors' entries (test-vector-generator-v2.ts) stay as they are.
    const path = join(outDir, 'manifest.json');
    const existing = await readFile(path, 'utf8').then(
      (text) => JSON.parse(text) as Record<string, unknown>,
      () => ({}),
    );
    await writeFile(path, `${JSON.stringify({ ...existing, ...manifest }, null, 2)}\n`);
    return manifest;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

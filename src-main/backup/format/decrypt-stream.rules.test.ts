/**
 * Streams that authenticate but break a format rule (crafted with libsodium directly, since
 * the real writer never produces them), plus files that are not v1 backups at all.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptFile } from './decrypt-stream';
import { HEADER_LAYOUT, TAG_FINAL, TAG_MESSAGE } from './format-constants';
import { encodeMetadata } from './metadata';
import type { WrittenBackup } from '../../../test/main/backup/format/test-support';
import {
  SAMPLE_METADATA,
  craftBackup,
  decryptToBytes,
  decryptWithPasskey,
  expectFailure,
  makeTempDir,
  patternBytes,
  removeTempDir,
  writeBackup,
} from '../../../test/main/backup/format/test-support';

const TAG_PUSH = 1;
const TAG_REKEY = 2;

describe('decrypting backups that are authentic but break the format rules, or are not ours', () => {
  let dir = '';
  let backup: WrittenBackup;
  let original: Buffer;

  beforeEach(async () => {
    dir = await makeTempDir();
    backup = await writeBackup(dir, patternBytes(350), { chunkSize: 100 });
    original = await readFile(backup.path);
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  const save = async (bytes: Uint8Array): Promise<void> => writeFile(backup.path, bytes);
  const withKey = (): Promise<Uint8Array> => decryptToBytes(backup.path, backup.key);
  const withPasskey = (passkey = backup.passkey): Promise<Uint8Array> =>
    decryptWithPasskey(backup.path, passkey);

  describe('other files and settings', () => {
    it('wrong passkey', async () => {
      await expectFailure(withPasskey('Correct horse battery staple'), 'WRONG_PASSKEY', backup.path);
    });

    it('a SQLite database is not a backup', async () => {
      const path = join(dir, 'notes.db');
      const db = new Database(path);
      db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
      db.close();
      await expectFailure(
        decryptFile(path, backup.key),
        'NOT_A_BACKUP',
        /notes\.db is not a NoteVault backup/,
      );
    });

    it('a future format version', async () => {
      const future = Buffer.from(original);
      future.writeUInt16LE(7, HEADER_LAYOUT.formatVersion);
      await save(future);
      await expectFailure(
        withPasskey(),
        'BACKUP_UNSUPPORTED',
        'This backup was written in format version 7; this NoteVault reads version 1. Update NoteVault to open it.',
      );
    });

    it('KDF work factors over the caps, refused before any derivation', async () => {
      const opsHeavy = Buffer.from(original);
      opsHeavy.writeUInt32LE(1_000_000, HEADER_LAYOUT.opslimit);
      await save(opsHeavy);
      await expectFailure(
        withPasskey(),
        'BACKUP_UNSUPPORTED',
        /1000000 Argon2id passes \(opslimit\); NoteVault accepts at most 12/,
      );
      const memHeavy = Buffer.from(original);
      memHeavy.writeBigUInt64LE(64n * 1024n ** 3n, HEADER_LAYOUT.memlimit);
      await save(memHeavy);
      await expectFailure(
        withPasskey(),
        'BACKUP_UNSUPPORTED',
        /68719476736 bytes .*memlimit.*at most 1073741824 bytes/,
      );
    });
  });

  describe('authentic streams that break the format rules', () => {
    const metadataFor = (payload: Uint8Array): Uint8Array =>
      encodeMetadata({
        formatVersion: 1,
        ...SAMPLE_METADATA,
        plaintextSize: payload.length,
        plaintextSha256: createHash('sha256').update(payload).digest('hex'),
      });
    const craft = (
      metadata: Uint8Array,
      chunks: { plaintext: Uint8Array; tag: number }[],
      metadataTag?: number,
    ) => craftBackup(backup.path, backup.key, backup.kdf, metadata, chunks, metadataTag);
    const abc = new TextEncoder().encode('abc');

    it('the baseline crafted stream decrypts, including an empty final chunk after data', async () => {
      await craft(metadataFor(abc), [
        { plaintext: abc, tag: TAG_MESSAGE },
        { plaintext: new Uint8Array(0), tag: TAG_FINAL },
      ]);
      expect(new TextDecoder().decode(await withKey())).toBe('abc');
    });

    it('two final chunks', async () => {
      await craft(metadataFor(abc), [
        { plaintext: abc, tag: TAG_FINAL },
        { plaintext: new Uint8Array(0), tag: TAG_FINAL },
      ]);
      await expectFailure(withKey(), 'BACKUP_DAMAGED', /unexpected data follow the final chunk \(chunk 1\)/);
    });

    it('no data chunk at all after the metadata', async () => {
      await craft(metadataFor(new Uint8Array(0)), []);
      await expectFailure(withKey(), 'BACKUP_DAMAGED', /\(chunk 1\).*after chunk 0 without the final chunk/);
    });

    it('tags format v1 never writes', async () => {
      await craft(metadataFor(abc), [{ plaintext: abc, tag: TAG_FINAL }], TAG_FINAL);
      await expectFailure(withKey(), 'BACKUP_DAMAGED', /\(chunk 0\).*metadata chunk has tag 3/);
      for (const tag of [TAG_PUSH, TAG_REKEY]) {
        await craft(metadataFor(abc), [
          { plaintext: abc, tag },
          { plaintext: new Uint8Array(0), tag: TAG_FINAL },
        ]);
        await expectFailure(withKey(), 'BACKUP_DAMAGED', `(chunk 1): the chunk has tag ${tag}`);
      }
    });

    it('metadata that is not valid JSON or lacks fields', async () => {
      await craft(new TextEncoder().encode('not json'), [{ plaintext: abc, tag: TAG_FINAL }]);
      await expectFailure(
        withKey(),
        'BACKUP_DAMAGED',
        /metadata \(chunk 0 at byte offset 64\) is not valid UTF-8 JSON/,
      );
      await craft(new TextEncoder().encode('{"formatVersion":1}'), [{ plaintext: abc, tag: TAG_FINAL }]);
      await expectFailure(withKey(), 'BACKUP_DAMAGED', /invalid fields/);
    });

    it('data that does not match the size or digest in the metadata', async () => {
      await craft(metadataFor(new TextEncoder().encode('abd')), [{ plaintext: abc, tag: TAG_FINAL }]);
      await expectFailure(withKey(), 'BACKUP_DAMAGED', /does not match what its metadata records/);
      await craft(metadataFor(abc), [{ plaintext: new TextEncoder().encode('abcd'), tag: TAG_FINAL }]);
      await expectFailure(withKey(), 'BACKUP_DAMAGED', /\(4 bytes.*\(3 bytes/);
    });
  });
});

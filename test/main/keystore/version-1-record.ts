/**
 * Test support: the sealed-key file exactly as NoteVault wrote it before backup format v2 (keystore
 * record version 1: the passkey's Argon2id output and its KDF parameters), which today's code only
 * reads, to convert it. Written by hand because the store no longer seals such a record.
 * Only *.test.ts files import this module.
 */
import { writeFile } from 'node:fs/promises';
import type { KdfParams } from '../../../src-main/backup/format/kdf';
import type { Sealer } from '../../../src-main/keystore/sealed-key-store';

/** The marker every sealed-key file starts with (file-sealed-key-store.ts). */
const MARKER = Buffer.from('NVSEALEDKEY1\n', 'ascii');

export async function writeVersion1SealedKey(
  file: string,
  sealer: Sealer,
  key: Uint8Array,
  kdf: KdfParams,
): Promise<void> {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const text = JSON.stringify({
    version: 1,
    key: b64(key),
    kdf: { algorithm: kdf.algorithm, opslimit: kdf.opslimit, memlimit: kdf.memlimit, salt: b64(kdf.salt) },
  });
  await writeFile(file, Buffer.concat([MARKER, await sealer.seal(text)]), { mode: 0o600 });
}

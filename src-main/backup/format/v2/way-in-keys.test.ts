import { describe, expect, it } from 'vitest';
import { loadSodium } from '../sodium';
import { expectFailure } from '../../../../test/main/backup/format/test-support';
import {
  fileSubkeys,
  keyIdOf,
  newFileKey,
  passkeySecretKey,
  publicKeyOf,
  recoverySecretKey,
} from './way-in-keys';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (text: string): Uint8Array => Buffer.from(text, 'ascii');
const bytes = (length: number, seed: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (seed + 7 * i) & 0xff);

// Each expectation is section 13's formula written with libsodium directly.
describe('v2 key derivations (docs/backup-format.md section 13)', () => {
  it('derives streamKey and headerKey as BLAKE2b-256 keyed with the file key', async () => {
    const sodium = await loadSodium();
    const fileKey = bytes(32, 1);
    const { streamKey, headerKey } = await fileSubkeys(fileKey);
    expect(hex(streamKey)).toBe(
      hex(sodium.crypto_generichash(32, ascii('NoteVault v2 stream key'), fileKey)),
    );
    expect(hex(headerKey)).toBe(
      hex(sodium.crypto_generichash(32, ascii('NoteVault v2 header key'), fileKey)),
    );
    expect(hex(streamKey)).not.toBe(hex(headerKey));
  });

  it("derives the passkey's sk from the Argon2id output", async () => {
    const sodium = await loadSodium();
    const argon = bytes(32, 2);
    expect(hex(await passkeySecretKey(argon))).toBe(
      hex(sodium.crypto_generichash(32, ascii('NoteVault v2 passkey'), argon)),
    );
  });

  it("derives the recovery code's sk from its 20 bytes, and refuses any other length", async () => {
    const sodium = await loadSodium();
    const code = bytes(20, 3);
    expect(hex(await recoverySecretKey(code))).toBe(
      hex(sodium.crypto_generichash(32, ascii('NoteVault v2 recovery code'), code)),
    );
    await expectFailure(recoverySecretKey(bytes(19, 3)), 'VALIDATION', /20 bytes; this one holds 19/);
  });

  it('gives pk = X25519_base(sk) and keyId = BLAKE2b-128 keyed with the key-id string', async () => {
    const sodium = await loadSodium();
    const sk = bytes(32, 4);
    const pk = await publicKeyOf(sk);
    expect(hex(pk)).toBe(hex(sodium.crypto_scalarmult_base(sk)));
    const keyId = await keyIdOf(pk);
    expect(keyId).toHaveLength(16);
    expect(hex(keyId)).toBe(hex(sodium.crypto_generichash(16, pk, ascii('NoteVault v2 key id'))));
  });

  it('makes a fresh 32-byte file key each time', () => {
    const a = newFileKey();
    expect(a).toHaveLength(32);
    expect(hex(a)).not.toBe(hex(newFileKey()));
  });

  it('refuses keys of the wrong length as a bug', async () => {
    await expectFailure(fileSubkeys(new Uint8Array(16)), 'INTERNAL');
    await expectFailure(passkeySecretKey(new Uint8Array(31)), 'INTERNAL');
    await expectFailure(keyIdOf(new Uint8Array(33)), 'INTERNAL');
  });
});

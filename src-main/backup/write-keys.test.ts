import { describe, expect, it } from 'vitest';
import { cheapKey, PASSKEY } from '../../test/main/backup/backup-test-support';
import { cheapKdfParams, expectFailure } from '../../test/main/backup/format/test-support';
import { deriveKey } from './format/kdf';
import { passkeyPublicKey } from './keys/passkey-keys';
import { passkeyPublic, recipientsFor } from './write-keys';

describe('passkeyPublic', () => {
  it('gives the same public key for the passkey, its Argon2id output and the public key itself', async () => {
    const key = await cheapKey();
    const expected = await passkeyPublicKey(await deriveKey(PASSKEY, key.kdf));
    expect((await passkeyPublic({ passkey: PASSKEY, kdf: key.kdf })).publicKey).toEqual(expected);
    expect((await passkeyPublic(key)).publicKey).toEqual(expected);
    // The caller's key is used, never wiped.
    expect(key.key.some((b) => b !== 0)).toBe(true);
    expect(await passkeyPublic({ publicKey: expected, kdf: key.kdf })).toEqual({
      publicKey: expected,
      kdf: key.kdf,
    });
  });

  it('refuses a typed passkey that is not the kept one, before any backup is written', async () => {
    const key = await cheapKey();
    const kept = await passkeyPublicKey(await deriveKey(PASSKEY, key.kdf));
    await expect(passkeyPublic({ passkey: PASSKEY, kdf: key.kdf, publicKey: kept })).resolves.toMatchObject({
      publicKey: kept,
    });
    await expectFailure(
      passkeyPublic({ passkey: 'another passkey', kdf: key.kdf, publicKey: kept }),
      'WRONG_PASSKEY',
      /not the passkey your backups use/,
    );
  });

  it('refuses keys of the wrong size', async () => {
    const kdf = cheapKdfParams();
    await expectFailure(passkeyPublic({ key: new Uint8Array(16), kdf }), 'VALIDATION', /32 bytes/);
    await expectFailure(passkeyPublic({ publicKey: new Uint8Array(31), kdf }), 'VALIDATION', /public key/);
  });
});

describe('recipientsFor', () => {
  it('lists the ways in in kind order, the others only when given', () => {
    const passkey = { kdf: cheapKdfParams(), publicKey: new Uint8Array(32).fill(1) };
    expect(recipientsFor(passkey).map((r) => r.kind)).toEqual(['passkey']);
    const all = recipientsFor(passkey, {
      device: new Uint8Array(32).fill(3),
      recoveryCode: new Uint8Array(32).fill(2),
    });
    expect(all.map((r) => [r.kind, r.publicKey[0]])).toEqual([
      ['passkey', 1],
      ['recovery-code', 2],
      ['device', 3],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { MEMLIMIT_CAP, OPSLIMIT_CAP } from './format-constants';
import { assertKdfParamsWithinBounds, defaultKdfParams, deriveKey, passkeyBytes } from './kdf';
import { loadSodium } from './sodium';
import { cheapKdfParams, expectFailure, expectThrows } from '../../../test/main/backup/format/test-support';

describe('defaultKdfParams', () => {
  it('uses Argon2id at MODERATE cost with a fresh 16-byte salt each time', async () => {
    const sodium = await loadSodium();
    const a = defaultKdfParams();
    const b = defaultKdfParams();
    expect(a).toMatchObject({
      algorithm: sodium.crypto_pwhash_ALG_ARGON2ID13,
      opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE,
      memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE,
    });
    expect(a.salt).toHaveLength(16);
    expect(Buffer.from(a.salt).equals(Buffer.from(b.salt))).toBe(false);
    expect(() => assertKdfParamsWithinBounds(a)).not.toThrow();
  });
});

describe('assertKdfParamsWithinBounds', () => {
  const valid = cheapKdfParams();

  it('refuses work factors over the caps as unsupported, naming the limit', () => {
    expectThrows(
      () => assertKdfParamsWithinBounds({ ...valid, opslimit: OPSLIMIT_CAP + 1 }, 'x.nvbak'),
      'BACKUP_UNSUPPORTED',
      /at most 12/,
    );
    expectThrows(
      () => assertKdfParamsWithinBounds({ ...valid, memlimit: MEMLIMIT_CAP + 1024 }),
      'BACKUP_UNSUPPORTED',
      /at most 1073741824 bytes/,
    );
    expectThrows(
      () => assertKdfParamsWithinBounds({ ...valid, memlimit: 2 ** 64 }, 'x.nvbak'),
      'BACKUP_UNSUPPORTED',
    );
  });

  it('accepts the caps themselves', () => {
    expect(() =>
      assertKdfParamsWithinBounds({ ...valid, opslimit: OPSLIMIT_CAP, memlimit: MEMLIMIT_CAP }),
    ).not.toThrow();
  });

  it('refuses any algorithm but Argon2id', () => {
    expectThrows(
      () => assertKdfParamsWithinBounds({ ...valid, algorithm: 1 }, 'x.nvbak'),
      'BACKUP_UNSUPPORTED',
      /id 1.*only Argon2id/,
    );
  });

  it('calls impossible values damage in a file and a validation error from a caller', () => {
    for (const bad of [{ opslimit: 0 }, { memlimit: 4096 }, { opslimit: 1.5 }, { salt: new Uint8Array(8) }]) {
      expectThrows(
        () => assertKdfParamsWithinBounds({ ...valid, ...bad }, 'x.nvbak'),
        'BACKUP_DAMAGED',
        /x\.nvbak/,
      );
      expectThrows(() => assertKdfParamsWithinBounds({ ...valid, ...bad }), 'VALIDATION');
    }
  });
});

describe('deriveKey', () => {
  it('is crypto_pwhash Argon2id over the UTF-8 passkey, 32 bytes', async () => {
    const sodium = await loadSodium();
    const params = cheapKdfParams();
    const key = await deriveKey('pässkey', params);
    const expected = sodium.crypto_pwhash(
      32,
      Buffer.from('pässkey'.normalize('NFC'), 'utf8'),
      params.salt,
      params.opslimit,
      params.memlimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
    expect(Buffer.from(key).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
  });

  it('gives the same key for composed and decomposed spellings of the passkey', async () => {
    const params = cheapKdfParams();
    const composed = await deriveKey('caf\u00e9', params);
    const decomposed = await deriveKey('cafe\u0301', params);
    expect(Buffer.from(decomposed).equals(Buffer.from(composed))).toBe(true);
    expect(Buffer.from(passkeyBytes('cafe\u0301')).toString('hex')).toBe('636166c3a9');
  });

  it('changes with the passkey and with the salt', async () => {
    const params = cheapKdfParams();
    const base = Buffer.from(await deriveKey('one', params));
    expect(base.equals(Buffer.from(await deriveKey('two', params)))).toBe(false);
    expect(base.equals(Buffer.from(await deriveKey('one', cheapKdfParams())))).toBe(false);
  });

  it('refuses an empty passkey and out-of-bounds parameters before deriving', async () => {
    await expectFailure(deriveKey('', cheapKdfParams()), 'VALIDATION', /passkey is empty/);
    await expectFailure(
      deriveKey('x', { ...cheapKdfParams(), memlimit: 2 * MEMLIMIT_CAP }),
      'BACKUP_UNSUPPORTED',
    );
  });
});

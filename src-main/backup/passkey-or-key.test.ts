import { describe, expect, it } from 'vitest';
import { cheapKey } from '../../test/main/backup/backup-test-support';
import { deriveKey } from './format/kdf';
import { cheapKdfParams, expectFailure } from '../../test/main/backup/format/test-support';
import { forgetKey, resolveKey } from './passkey-or-key';

describe('resolveKey', () => {
  it('derives from a passkey with the file’s parameters and owns (and can forget) that key', async () => {
    const kdf = cheapKdfParams();
    const resolved = await resolveKey({ passkey: 'pässkey' }, kdf);
    expect(resolved.kdf).toBe(kdf);
    expect(Buffer.from(resolved.key)).toEqual(Buffer.from(await deriveKey('pässkey', kdf)));
    forgetKey(resolved);
    expect(resolved.key.every((b) => b === 0)).toBe(true);
  });

  it('passes a supplied key through untouched, and never wipes it', async () => {
    const supplied = await cheapKey();
    const resolved = await resolveKey(supplied, supplied.kdf);
    expect(resolved).toEqual({ key: supplied.key, kdf: supplied.kdf, derived: false });
    forgetKey(resolved);
    expect(supplied.key.some((b) => b !== 0)).toBe(true);
  });

  it('refuses a key of the wrong length or for other KDF parameters', async () => {
    const supplied = await cheapKey();
    await expectFailure(
      resolveKey({ key: new Uint8Array(16), kdf: supplied.kdf }, undefined),
      'VALIDATION',
      /32 bytes/,
    );
    await expectFailure(resolveKey(supplied, cheapKdfParams()), 'KEY_MISMATCH', /different backup/);
  });

  it('does not start Argon2id when already cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expectFailure(resolveKey({ passkey: 'x' }, undefined, { signal: abort.signal }), 'CANCELLED');
  });
});

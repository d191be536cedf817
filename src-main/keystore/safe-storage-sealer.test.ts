import { describe, expect, it } from 'vitest';
import { safeStorageAvailability, safeStorageSealer } from './safe-storage-sealer';
import type { SafeStorageLike } from './safe-storage-sealer';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** Stands in for Electron's safeStorage (the OS object); seals by XOR so results are checkable. */
function fakeSafeStorage(options: { available?: boolean; backend?: Backend; reencrypt?: boolean } = {}) {
  const calls: string[] = [];
  const safeStorage: SafeStorageLike = {
    isAsyncEncryptionAvailable: () => Promise.resolve(options.available ?? true),
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: (text) => {
      calls.push(`encrypt:${text}`);
      return Promise.resolve(Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)));
    },
    decryptStringAsync: (sealed) => {
      calls.push('decrypt');
      return Promise.resolve({
        result: Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8'),
        shouldReEncrypt: options.reencrypt ?? false,
      });
    },
  };
  return { safeStorage, calls };
}

describe('safeStorageAvailability', () => {
  it('accepts a real Linux keyring', async () => {
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const) {
      expect(await safeStorageAvailability(fakeSafeStorage({ backend }).safeStorage, 'linux')).toEqual({
        available: true,
      });
    }
  });

  it("treats Linux 'basic_text' (a publicly known password) as unavailable and says why", async () => {
    const result = await safeStorageAvailability(
      fakeSafeStorage({ backend: 'basic_text' }).safeStorage,
      'linux',
    );
    expect(result).toEqual({
      available: false,
      reason: expect.stringContaining('publicly known password') as unknown,
    });
    expect(result.available ? '' : result.reason).toMatch(/--password-store=gnome-libsecret/);
  });

  it("treats Linux 'unknown' (asked before ready) as unavailable", async () => {
    const result = await safeStorageAvailability(
      fakeSafeStorage({ backend: 'unknown' }).safeStorage,
      'linux',
    );
    expect(result.available).toBe(false);
  });

  it('does not ask for a Linux backend on Windows and macOS', async () => {
    const { safeStorage } = fakeSafeStorage({ backend: 'basic_text' });
    expect(await safeStorageAvailability(safeStorage, 'win32')).toEqual({ available: true });
    expect(await safeStorageAvailability(safeStorage, 'darwin')).toEqual({ available: true });
  });

  it('reports an unavailable keychain in platform terms', async () => {
    const { safeStorage } = fakeSafeStorage({ available: false });
    expect(await safeStorageAvailability(safeStorage, 'darwin')).toMatchObject({
      reason: expect.stringContaining('Keychain') as unknown,
    });
    expect(await safeStorageAvailability(safeStorage, 'linux')).toMatchObject({
      reason: expect.stringContaining('GNOME Keyring') as unknown,
    });
  });

  it('turns a failing check into "unavailable" instead of throwing', async () => {
    const { safeStorage } = fakeSafeStorage();
    safeStorage.isAsyncEncryptionAvailable = () => Promise.reject(new Error('dbus timeout'));
    expect(await safeStorageAvailability(safeStorage, 'linux')).toEqual({
      available: false,
      reason: 'the keychain check failed (dbus timeout).',
    });
  });
});

describe('safeStorageSealer', () => {
  it('seals with encryptStringAsync and unseals with decryptStringAsync, passing on the rotation hint', async () => {
    const { safeStorage, calls } = fakeSafeStorage({ reencrypt: true });
    const sealer = safeStorageSealer(safeStorage, 'win32');
    const sealed = await sealer.seal('{"key":"k"}');
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('key');
    expect(await sealer.unseal(sealed)).toEqual({ plainText: '{"key":"k"}', shouldReseal: true });
    expect(calls).toEqual(['encrypt:{"key":"k"}', 'decrypt']);
    expect(sealer.keychainName).toBe('Windows Data Protection (DPAPI)');
  });
});

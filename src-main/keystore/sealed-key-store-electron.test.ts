import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const userData = mkdtempSync(join(tmpdir(), 'nv-keystore-electron-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

// Electron cannot run here: its safeStorage is replaced by a reversible stand-in (XOR), which is
// enough to check that the adapter wires userData, the file name and safeStorage together.
vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'userData' ? userData : '/nowhere') },
  safeStorage: {
    isAsyncEncryptionAvailable: () => Promise.resolve(true),
    getSelectedStorageBackend: () => 'kwallet6',
    encryptStringAsync: (text: string) =>
      Promise.resolve(Buffer.from(Buffer.from(text).map((b) => b ^ 0x21))),
    decryptStringAsync: (sealed: Buffer) =>
      Promise.resolve({
        result: Buffer.from(sealed.map((b) => b ^ 0x21)).toString(),
        shouldReEncrypt: false,
      }),
  },
}));

describe('createElectronSealedKeyStore', () => {
  it('keeps the sealed key in userData/sealed-backup-key.bin through safeStorage', async () => {
    const { createElectronSealedKeyStore } = await import('./sealed-key-store-electron');
    const store = createElectronSealedKeyStore();
    const record = { version: 2 as const, deviceSecretKey: crypto.getRandomValues(new Uint8Array(32)) };
    await store.save(record);
    expect(readdirSync(userData)).toEqual(['sealed-backup-key.bin']);
    expect(await store.load()).toEqual(record);
  });
});

/**
 * A Sealer over Electron's safeStorage, using the asynchronous API (the synchronous one is
 * deprecated in Electron 45 and removed in 46; data sealed by either opens with
 * decryptStringAsync). Takes safeStorage as a parameter so the availability rules are tested
 * without Electron; sealed-key-store-electron.ts passes the real one.
 *
 * When is the keychain "available"?
 * - isAsyncEncryptionAvailable() must say so (it is false before app 'ready').
 * - On Linux additionally getSelectedStorageBackend() must name a real secret store: 'basic_text'
 *   means Chromium found no keyring and "encrypts" with a password hard-coded in Chromium, so
 *   anything sealed that way is readable by anyone who can read the file. 'unknown' means it was
 *   asked before 'ready'. Both count as unavailable; we never fall back to weaker storage.
 */
import type { SafeStorage } from 'electron';
import type { KeychainAvailability, Sealer } from './sealed-key-store';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export function keychainNameFor(platform: string): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'Windows Data Protection (DPAPI)';
  return 'a Secret Service keyring such as GNOME Keyring or KWallet';
}

export async function safeStorageAvailability(
  safeStorage: SafeStorageLike,
  platform: string,
): Promise<KeychainAvailability> {
  let available: boolean;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch (error) {
    return {
      available: false,
      reason: `the keychain check failed (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
  if (!available) {
    return {
      available: false,
      reason:
        platform === 'darwin'
          ? 'the Keychain could not be reached (is it locked, or did you deny NoteVault access to it?).'
          : platform === 'linux'
            ? 'no keyring service is running. Install and unlock GNOME Keyring or KWallet, then try again.'
            : 'the operating system refused to provide encryption for this user account.',
    };
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text') {
      return {
        available: false,
        reason:
          'no keyring was found for this desktop, so the key could only be stored with a publicly known ' +
          'password. Install and unlock GNOME Keyring or KWallet (or start NoteVault with ' +
          '--password-store=gnome-libsecret or --password-store=kwallet6), then try again.',
      };
    }
    if (backend === 'unknown') {
      return { available: false, reason: 'the keyring was asked before NoteVault finished starting.' };
    }
  }
  return { available: true };
}

export function safeStorageSealer(safeStorage: SafeStorageLike, platform: string): Sealer {
  return {
    keychainName: keychainNameFor(platform),
    availability: () => safeStorageAvailability(safeStorage, platform),
    seal: async (plainText) => new Uint8Array(await safeStorage.encryptStringAsync(plainText)),
    unseal: async (sealed) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed));
      return { plainText: result, shouldReseal: shouldReEncrypt };
    },
  };
}

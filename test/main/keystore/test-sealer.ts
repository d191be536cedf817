/**
 * Test support: a real Sealer that seals with AES-256-GCM under a secret that lives only in this
 * object, standing in for the OS keychain (which tests cannot reach). Two instances have
 * different secrets, like two computers; `setAvailable(false)` is a keychain that went away;
 * `rotate()` is a keychain that changed its key (the old secret still opens, re-sealing is asked
 * for). Only *.test.ts files import this module.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeychainAvailability, Sealer } from '../../../src-main/keystore/sealed-key-store';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class InMemorySealer implements Sealer {
  readonly keychainName = 'the test keychain';
  private secrets: Buffer[] = [randomBytes(32)];
  private available: KeychainAvailability = { available: true };
  /** Every text sealed so far, so tests can prove what was (and was not) handed over. */
  readonly sealedTexts: string[] = [];

  setAvailable(availability: KeychainAvailability): void {
    this.available = availability;
  }

  rotate(): void {
    this.secrets = [randomBytes(32), ...this.secrets];
  }

  availability(): Promise<KeychainAvailability> {
    return Promise.resolve(this.available);
  }

  seal(plainText: string): Promise<Uint8Array> {
    this.sealedTexts.push(plainText);
    const iv = randomBytes(IV_BYTES);
    // secrets[0] is assigned in the constructor and rotate() only prepends.
    const cipher = createCipheriv('aes-256-gcm', this.secrets[0]!, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Promise.resolve(new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])));
  }

  unseal(sealed: Uint8Array): Promise<{ plainText: string; shouldReseal: boolean }> {
    const bytes = Buffer.from(sealed);
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
    for (const [index, secret] of this.secrets.entries()) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, iv);
        decipher.setAuthTag(tag);
        const plainText = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
        return Promise.resolve({ plainText, shouldReseal: index > 0 });
      } catch {
        // Not sealed with this secret; try the next (older) one.
      }
    }
    return Promise.reject(
      new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'),
    );
  }
}

import { describe, expect, it } from 'vitest';
import { parseRecoveryCode } from '../../../src-shared/recovery-code';
import { newRecoveryCode, recoveryCodeKeys } from './recovery-code-keys';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

// Computed apart from NoteVault and libsodium (Python's hashlib BLAKE2b and the `cryptography`
// package's X25519), following docs/backup-format.md section 13 alone.
const VECTORS = [
  {
    text: '000GV-40R4E-0M30C-E209Z-185GS-R38ED-1W81H-24GKV',
    secretKey: '14e0704a624fcf896fe7a8f6199e4baabd95745104a89ad4d6168fc9d8ad8d13',
    publicKey: 'd7ba5bc26ebbf308eb800a3167d8de06da233b0d379a8f0897e05cabb6c74058',
    keyId: '96f7924580cb1a79a906223294d35d15',
  },
  {
    text: 'HWX54-R0EJJ-WYA6K-P32ZE-M6SCE-7N75E-YR3HS-GA9T9',
    secretKey: '2fcdfc13c830421ea4d81f78d7d9bef84684b18d38520837ba3ad83275fa4782',
    publicKey: '3799f6ebbff0cb0669873d115848c6e2054038c67fc93f9de47f18d06a279547',
    keyId: 'd9cd64c7c211b19a5fdd7d9ee0ab151c',
  },
];

function codeBytes(text: string): Uint8Array {
  const parsed = parseRecoveryCode(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.bytes;
}

describe('recoveryCodeKeys', () => {
  it.each(VECTORS)('gives the known key pair and key id of $text', async (vector) => {
    const keys = await recoveryCodeKeys(codeBytes(vector.text));
    expect(hex(keys.secretKey)).toBe(vector.secretKey);
    expect(hex(keys.publicKey)).toBe(vector.publicKey);
    expect(hex(keys.keyId)).toBe(vector.keyId);
  });

  it('gives the same keys for the code however it was typed', async () => {
    const typed = VECTORS[1]!.text.toLowerCase().replace(/-/g, ' ');
    expect(hex((await recoveryCodeKeys(codeBytes(typed))).keyId)).toBe(VECTORS[1]!.keyId);
  });
});

describe('newRecoveryCode', () => {
  it('shows a code whose keys are the public key and key id it returns', async () => {
    const code = await newRecoveryCode();
    expect(code.text).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){7}$/);
    const keys = await recoveryCodeKeys(codeBytes(code.text));
    expect(hex(code.publicKey)).toBe(hex(keys.publicKey));
    expect(hex(code.keyId)).toBe(hex(keys.keyId));
    expect(code).not.toHaveProperty('secretKey');
  });

  it('draws a new code every time', async () => {
    const texts = new Set<string>();
    for (let i = 0; i < 20; i++) texts.add((await newRecoveryCode()).text);
    expect(texts.size).toBe(20);
  });
});

import { describe, expect, it } from 'vitest';
import { cheapKdfParams } from '../../test/main/backup/format/test-support';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import { safetyPasskeySource } from './safety-passkey-source';

const none: BackupKeys = { passkey: null, recoveryCode: null };
const kept: BackupKeys = {
  passkey: { kdf: cheapKdfParams(), publicKey: new Uint8Array(32).fill(7) },
  recoveryCode: null,
};

describe('safetyPasskeySource', () => {
  it('takes the kept public key whatever was typed, so nothing is asked and no Argon2id runs', () => {
    for (const [passkey, own, same] of [
      ['file passkey', undefined, true],
      ['file passkey', 'my own passkey', undefined],
      [undefined, undefined, undefined],
    ] as const) {
      expect(safetyPasskeySource(kept, passkey, own, same)).toEqual({
        publicKey: kept.passkey?.publicKey,
        kdf: kept.passkey?.kdf,
      });
    }
  });

  it("with none kept: the person's own passkey, the file's only when said to be the same, never a recovery code's file's", () => {
    expect(safetyPasskeySource(none, 'file passkey', 'my own passkey', undefined)).toEqual({
      passkey: 'my own passkey',
    });
    expect(safetyPasskeySource(none, 'file passkey', undefined, true)).toEqual({ passkey: 'file passkey' });
    expect(safetyPasskeySource(none, 'file passkey', undefined, undefined)).toBeNull();
    // Opened with its recovery code: there is no passkey to be "the same".
    expect(safetyPasskeySource(none, undefined, undefined, true)).toBeNull();
  });
});

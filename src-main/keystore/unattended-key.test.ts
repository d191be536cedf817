import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createBackup } from '../backup/create-backup';
import {
  CHEAP_COSTS,
  liveNotes,
  makeNotesDatabase,
  PASSKEY,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { deriveKey } from '../backup/format/kdf';
import { cheapKdfParams } from '../../test/main/backup/format/test-support';
import { restoreBackup } from '../backup/restore-backup';
import { verifyBackup } from '../backup/verify-backup';
import { FileSealedKeyStore, SEALED_KEY_FILE } from './file-sealed-key-store';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { enableUnattendedBackups, forgetUnattendedKey, loadUnattendedKeySource } from './unattended-key';

const ws = useWorkspace();

function makeStore() {
  const sealer = new InMemorySealer();
  return { sealer, store: new FileSealedKeyStore(join(ws.root, SEALED_KEY_FILE), sealer) };
}

describe('enableUnattendedBackups', () => {
  it('seals the key derived from the passkey with a stored salt, equal to deriveKey(passkey, params)', async () => {
    const { store } = makeStore();
    await enableUnattendedBackups(PASSKEY, store, deriveKey, cheapKdfParams());
    const saved = await loadUnattendedKeySource(store);
    expect(saved).not.toBeNull();
    expect(saved!.key).toEqual(await deriveKey(PASSKEY, saved!.kdf));
    expect(saved!.key).not.toEqual(await deriveKey('another passkey', saved!.kdf));
  });

  it('uses a fresh salt each time it is turned on', async () => {
    const { store } = makeStore();
    await enableUnattendedBackups(PASSKEY, store, deriveKey, cheapKdfParams());
    const first = await loadUnattendedKeySource(store);
    await enableUnattendedBackups(PASSKEY, store, deriveKey, cheapKdfParams());
    const second = await loadUnattendedKeySource(store);
    expect(second!.kdf.salt).not.toEqual(first!.kdf.salt);
    expect(second!.key).not.toEqual(first!.key);
  });

  it('without a keychain: throws a clear error, derives nothing, stores nothing in clear or otherwise', async () => {
    const { sealer, store } = makeStore();
    sealer.setAvailable({ available: false, reason: 'no keyring service is running.' });
    const derive = vi.fn(deriveKey);
    await expect(enableUnattendedBackups(PASSKEY, store, derive, cheapKdfParams())).rejects.toMatchObject({
      name: 'NoteVaultError',
      message: expect.stringMatching(
        /^Scheduled backups need the system keychain \(the test keychain\).*not available: no keyring service is running\. Nothing was saved\./,
      ) as unknown,
    });
    expect(derive).not.toHaveBeenCalled();
    expect(sealer.sealedTexts).toEqual([]);
    sealer.setAvailable({ available: true });
    expect(await loadUnattendedKeySource(store)).toBeNull();
  });

  it('refuses an empty passkey', async () => {
    const { store } = makeStore();
    await expect(enableUnattendedBackups('', store, deriveKey, cheapKdfParams())).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('wipes its copy of the derived key after sealing it', async () => {
    const { store } = makeStore();
    let handedOut: Uint8Array | undefined;
    await enableUnattendedBackups(
      PASSKEY,
      store,
      async (passkey, params) => (handedOut = await deriveKey(passkey, params)),
      cheapKdfParams(),
    );
    expect(handedOut?.every((byte) => byte === 0)).toBe(true);
    expect((await loadUnattendedKeySource(store))!.key.some((byte) => byte !== 0)).toBe(true);
  });

  it('forgetUnattendedKey removes the sealed key', async () => {
    const { store } = makeStore();
    await enableUnattendedBackups(PASSKEY, store, deriveKey, cheapKdfParams());
    await forgetUnattendedKey(store);
    expect(await loadUnattendedKeySource(store)).toBeNull();
  });
});

describe('a scheduled backup made with the sealed key', () => {
  it('verifies and restores with the passkey, like any other backup', async () => {
    makeNotesDatabase(ws.db, 7);
    const before = liveNotes(ws.db);
    const { store } = makeStore();
    await enableUnattendedBackups(PASSKEY, store, deriveKey, cheapKdfParams());
    const keySource = await loadUnattendedKeySource(store);

    const made = await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: keySource!,
      kind: 'scheduled',
      appVersion: '0.1.0',
      tempParent: ws.temp,
    });
    expect(made.file).toMatch(/-scheduled\.nvbak$/);
    expect(made.kdf.salt).toEqual(keySource!.kdf.salt);

    const verified = await verifyBackup({
      file: made.file,
      keySource: { passkey: PASSKEY },
      tempParent: ws.temp,
    });
    expect(verified.noteCount).toBe(7);

    makeNotesDatabase(ws.db, 3, 100, 2); // change the notes, then restore the scheduled backup
    const restored = await restoreBackup({
      file: made.file,
      databasePath: ws.db,
      keySource: { passkey: PASSKEY },
      safetyKeySource: { passkey: PASSKEY },
      safetyBackupFolder: ws.safety,
      safetyBackupCosts: CHEAP_COSTS,
      appVersion: '0.1.0',
      tempParent: ws.temp,
    });
    expect(restored.restoredNotes).toBe(7);
    expect(liveNotes(ws.db)).toEqual(before);
  });
});

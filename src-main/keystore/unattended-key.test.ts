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
import {
  enableDeviceKey,
  enableUnattendedBackups,
  forgetUnattendedKey,
  loadUnattendedKeys,
  loadUnattendedKeySource,
} from './unattended-key';
import { readdir, readFile } from 'node:fs/promises';
import { BACKUP_KEYS_FILE, readBackupKeys, writeBackupKeys } from '../backup/keys/backup-keys-file';
import { passkeySecretKey, publicKeyOf } from '../backup/format/v2/way-in-keys';
import type { KdfParams } from '../backup/format/kdf';
import type { SealedKeyRecord, SealedKeyStore } from './sealed-key-store';

const ws = useWorkspace();

function makeStore() {
  const sealer = new InMemorySealer();
  return { sealer, store: new FileSealedKeyStore(join(ws.root, SEALED_KEY_FILE), sealer) };
}

describe('enableUnattendedBackups (version 1, until scheduled runs write v2)', () => {
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

/** The passkey's public key as section 13 defines it, computed here step by step. */
async function passkeyPublicKeyFor(passkey: string, kdf: KdfParams): Promise<Uint8Array> {
  return publicKeyOf(await passkeySecretKey(await deriveKey(passkey, kdf)));
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('enableDeviceKey', () => {
  it('keeps the passkey public key in backup-keys.json and seals a random device key, nothing derived from the passkey', async () => {
    const { sealer, store } = makeStore();
    const kdf = cheapKdfParams();
    const derived: Uint8Array[] = [];
    await enableDeviceKey(
      PASSKEY,
      store,
      async (p, k) => derived[derived.push(await deriveKey(p, k)) - 1]!,
      ws.dbDir,
      kdf,
    );

    const keys = await readBackupKeys(ws.dbDir);
    expect(keys.passkey).toEqual({ kdf, publicKey: await passkeyPublicKeyFor(PASSKEY, kdf) });
    expect(keys.recoveryCode).toBeNull();
    const sealed = await store.load();
    expect(sealed).toMatchObject({ version: 2 });
    expect(sealer.sealedTexts).toHaveLength(1);
    // The Argon2id output was wiped, and neither it nor anything made from it went to the keychain.
    expect(derived).toHaveLength(1);
    expect(derived[0]!.every((byte) => byte === 0)).toBe(true);
    const argon = await deriveKey(PASSKEY, kdf);
    const secret = await passkeySecretKey(argon);
    for (const text of sealer.sealedTexts) {
      expect(text).not.toContain(b64(argon));
      expect(text).not.toContain(b64(secret));
      expect(Object.keys(JSON.parse(text) as object)).toEqual(['version', 'deviceSecretKey']);
    }
  });

  it('derives with the salt and costs backup-keys.json keeps, and seals a fresh device key each time', async () => {
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    const kept = (await readBackupKeys(ws.dbDir)).passkey!;
    const first = await loadUnattendedKeys(store, ws.dbDir);
    const derive = vi.fn(deriveKey);
    await enableDeviceKey(PASSKEY, store, derive, ws.dbDir, cheapKdfParams());
    expect(derive).toHaveBeenCalledWith(PASSKEY, kept.kdf);
    expect((await readBackupKeys(ws.dbDir)).passkey).toEqual(kept);
    const second = await loadUnattendedKeys(store, ws.dbDir);
    expect(second!.deviceSecretKey).not.toEqual(first!.deviceSecretKey);
  });

  it('refuses a passkey that is not the one the backups use, and changes nothing', async () => {
    const { sealer, store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    const keysBefore = await readFile(join(ws.dbDir, BACKUP_KEYS_FILE));
    const sealedBefore = await readFile(join(ws.root, SEALED_KEY_FILE));
    await expect(
      enableDeviceKey('another passkey', store, deriveKey, ws.dbDir, cheapKdfParams()),
    ).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
      message:
        'That is not the passkey your backups use: enter that passkey, or change the passkey first in Settings.',
    });
    expect(sealer.sealedTexts).toHaveLength(1);
    expect(await readFile(join(ws.dbDir, BACKUP_KEYS_FILE))).toEqual(keysBefore);
    expect(await readFile(join(ws.root, SEALED_KEY_FILE))).toEqual(sealedBefore);
  });

  it('without a keychain: derives nothing, seals nothing, writes no backup-keys.json', async () => {
    const { sealer, store } = makeStore();
    sealer.setAvailable({ available: false, reason: 'no keyring service is running.' });
    const derive = vi.fn(deriveKey);
    await expect(enableDeviceKey(PASSKEY, store, derive, ws.dbDir, cheapKdfParams())).rejects.toMatchObject({
      message: expect.stringMatching(
        /^Scheduled backups need the system keychain .* Nothing was saved\./,
      ) as unknown,
    });
    expect(derive).not.toHaveBeenCalled();
    expect(sealer.sealedTexts).toEqual([]);
    expect(await readdir(ws.dbDir)).toEqual([]);
  });

  it('refuses an empty passkey', async () => {
    const { store } = makeStore();
    await expect(enableDeviceKey('', store, deriveKey, ws.dbDir)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

describe('loadUnattendedKeys', () => {
  it('gives the device key, its public key and the kept public keys of the passkey and the recovery code', async () => {
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    const recovery = crypto.getRandomValues(new Uint8Array(32));
    const kept = await readBackupKeys(ws.dbDir);
    await writeBackupKeys(ws.dbDir, {
      ...kept,
      recoveryCode: { publicKey: recovery, createdAt: new Date().toISOString() },
    });
    const keys = await loadUnattendedKeys(store, ws.dbDir);
    const sealed = await store.load();
    expect(keys).toEqual({
      deviceSecretKey: sealed!.version === 2 ? sealed!.deviceSecretKey : undefined,
      devicePublicKey: await publicKeyOf(keys!.deviceSecretKey),
      passkey: kept.passkey,
      recoveryCode: recovery,
    });
  });

  it('is null when scheduled backups were never turned on', async () => {
    const { store } = makeStore();
    expect(await loadUnattendedKeys(store, ws.dbDir)).toBeNull();
  });

  it('turning off forgets the device key and leaves backup-keys.json (the passkey and recovery code still open everything)', async () => {
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    const kept = await readBackupKeys(ws.dbDir);
    await forgetUnattendedKey(store);
    expect(await loadUnattendedKeys(store, ws.dbDir)).toBeNull();
    expect(await store.load()).toBeNull();
    expect(await readBackupKeys(ws.dbDir)).toEqual(kept);
  });

  it('with a device key but no passkey kept (backup-keys.json deleted): says to turn scheduled backups off and on', async () => {
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    await writeBackupKeys(ws.dbDir, { passkey: null, recoveryCode: null });
    await expect(loadUnattendedKeys(store, ws.dbDir)).rejects.toMatchObject({
      message:
        "Scheduled backups do not know your passkey's key: turn scheduled backups off and on again in Settings and enter your passkey.",
    });
  });
});

describe('converting a version-1 record (the passkey-derived key kept before format v2)', () => {
  /** The store, recording every record it hands out so the test can see the old key wiped. */
  function watched(store: SealedKeyStore) {
    const handedOut: SealedKeyRecord[] = [];
    const watchedStore: SealedKeyStore = {
      keychainName: store.keychainName,
      availability: () => store.availability(),
      save: (record) => store.save(record),
      forget: () => store.forget(),
      load: async () => {
        const record = await store.load();
        if (record !== null) handedOut.push(record);
        return record;
      },
    };
    return { handedOut, watchedStore };
  }

  it('keeps the passkey public key, seals a device key in its place and wipes the old key', async () => {
    const { sealer, store } = makeStore();
    const kdf = cheapKdfParams();
    await enableUnattendedBackups(PASSKEY, store, deriveKey, kdf); // what an older NoteVault saved
    const oldKeyB64 = b64(await deriveKey(PASSKEY, kdf));
    const { handedOut, watchedStore } = watched(store);

    const keys = await loadUnattendedKeys(watchedStore, ws.dbDir);

    const publicKey = await passkeyPublicKeyFor(PASSKEY, kdf);
    expect(keys!.passkey).toEqual({ kdf, publicKey });
    expect((await readBackupKeys(ws.dbDir)).passkey).toEqual({ kdf, publicKey });
    const now = await store.load();
    expect(now).toEqual({ version: 2, deviceSecretKey: keys!.deviceSecretKey });
    expect(keys!.devicePublicKey).toEqual(await publicKeyOf(keys!.deviceSecretKey));
    expect(sealer.sealedTexts.at(-1)).not.toContain(oldKeyB64);
    const old = handedOut[0]!;
    expect(old.version === 1 && old.key.every((byte) => byte === 0)).toBe(true);
    // Converted once: the next load reads the device key as it is.
    const sealedCount = sealer.sealedTexts.length;
    expect(await loadUnattendedKeys(store, ws.dbDir)).toEqual(keys);
    expect(sealer.sealedTexts).toHaveLength(sealedCount);
  });

  it('leaves a passkey already kept in backup-keys.json as it is', async () => {
    const { store } = makeStore();
    await enableDeviceKey('the newer passkey', store, deriveKey, ws.dbDir, cheapKdfParams());
    const kept = await readBackupKeys(ws.dbDir);
    await enableUnattendedBackups(PASSKEY, store, deriveKey, cheapKdfParams());
    const keys = await loadUnattendedKeys(store, ws.dbDir);
    expect(keys!.passkey).toEqual(kept.passkey);
    expect(await readBackupKeys(ws.dbDir)).toEqual(kept);
    expect(await store.load()).toMatchObject({ version: 2 });
  });

  it('without the keychain the old record stays, to be converted later', async () => {
    const { sealer, store } = makeStore();
    await enableUnattendedBackups(PASSKEY, store, deriveKey, cheapKdfParams());
    sealer.setAvailable({ available: false, reason: 'the keyring is locked.' });
    await expect(loadUnattendedKeys(store, ws.dbDir)).rejects.toMatchObject({ code: 'IO' });
    sealer.setAvailable({ available: true });
    expect(await store.load()).toMatchObject({ version: 1 });
    expect((await loadUnattendedKeys(store, ws.dbDir))!.passkey).toEqual(
      (await readBackupKeys(ws.dbDir)).passkey,
    );
  });
});

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
  followBackupKeysChange,
  forgetUnattendedKey,
  loadUnattendedKeys,
} from './unattended-key';
import { writeVersion1SealedKey } from '../../test/main/keystore/version-1-record';
import { readdir, readFile } from 'node:fs/promises';
import {
  BACKUP_KEYS_FILE,
  readBackupKeys,
  updateBackupKeys,
  writeBackupKeys,
} from '../backup/keys/backup-keys-file';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import { backupKeysHash } from './backup-keys-hash';
import { passkeySecretKey, publicKeyOf, recoverySecretKey } from '../backup/format/v2/way-in-keys';
import type { KdfParams } from '../backup/format/kdf';
import type { SealedKeyRecord, SealedKeyStore } from './sealed-key-store';

const ws = useWorkspace();

function makeStore() {
  const sealer = new InMemorySealer();
  return { sealer, store: new FileSealedKeyStore(join(ws.root, SEALED_KEY_FILE), sealer) };
}

/** What an older NoteVault sealed when scheduled backups were turned on: the passkey's Argon2id output. */
async function sealVersion1(sealer: InMemorySealer, passkey: string, kdf: KdfParams): Promise<void> {
  await writeVersion1SealedKey(join(ws.root, SEALED_KEY_FILE), sealer, await deriveKey(passkey, kdf), kdf);
}

describe('a scheduled backup made with the unattended keys', () => {
  it('opens with the passkey, the recovery code and the device key; the device key opens no other backup', async () => {
    makeNotesDatabase(ws.db, 7);
    const before = liveNotes(ws.db);
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    const code = crypto.getRandomValues(new Uint8Array(20));
    await keepRecoveryKey(store, await publicKeyOf(await recoverySecretKey(code)));
    const keys = (await loadUnattendedKeys(store, ws.dbDir))!;
    const common = { databasePath: ws.db, destination: ws.backups, appVersion: '0.1.0', tempParent: ws.temp };

    // What a scheduled run writes with: public keys only, plus this device's.
    const scheduled = await createBackup({
      ...common,
      keySource: { publicKey: keys.passkey.publicKey, kdf: keys.passkey.kdf },
      alsoOpenWith: { recoveryCode: keys.recoveryCode, device: keys.devicePublicKey },
      kind: 'scheduled',
    });
    expect(scheduled.file).toMatch(/-scheduled\.nvbak$/);
    for (const keySource of [
      { passkey: PASSKEY },
      { recoveryCode: code.slice() },
      { deviceKey: keys.deviceSecretKey.slice() },
    ]) {
      expect((await verifyBackup({ file: scheduled.file, keySource, tempParent: ws.temp })).noteCount).toBe(
        7,
      );
    }

    // A manual backup has no device slot: the keychain's key does not open it.
    const manual = await createBackup({
      ...common,
      keySource: { passkey: PASSKEY, kdf: keys.passkey.kdf, publicKey: keys.passkey.publicKey },
      alsoOpenWith: { recoveryCode: keys.recoveryCode },
      kind: 'manual',
    });
    await expect(
      verifyBackup({
        file: manual.file,
        keySource: { deviceKey: keys.deviceSecretKey.slice() },
        tempParent: ws.temp,
      }),
    ).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    expect(
      (await verifyBackup({ file: manual.file, keySource: { passkey: PASSKEY }, tempParent: ws.temp }))
        .noteCount,
    ).toBe(7);

    makeNotesDatabase(ws.db, 3, 100, 2); // change the notes, then restore the scheduled backup with the device key
    const restored = await restoreBackup({
      file: scheduled.file,
      databasePath: ws.db,
      keySource: { deviceKey: keys.deviceSecretKey.slice() },
      safetyKeySource: { publicKey: keys.passkey.publicKey, kdf: keys.passkey.kdf },
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

/** A recovery code's public key kept as NoteVault keeps it (recovery-code-service.ts): the sealed record follows. */
async function keepRecoveryKey(store: SealedKeyStore, publicKey: Uint8Array): Promise<BackupKeys> {
  const before = await readBackupKeys(ws.dbDir);
  const after = await updateBackupKeys(ws.dbDir, (keys) => ({
    ...keys,
    recoveryCode: { publicKey, createdAt: new Date().toISOString() },
  }));
  await followBackupKeysChange(store, before, after);
  return after;
}

const CHANGED_OUTSIDE =
  'The keys for scheduled backups changed outside NoteVault: turn scheduled backups off and on again in Settings and enter your passkey.';

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
      expect(Object.keys(JSON.parse(text) as object)).toEqual([
        'version',
        'deviceSecretKey',
        'backupKeysHash',
      ]);
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
    const kept = await keepRecoveryKey(store, recovery);
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

describe('the public keys a scheduled run writes with', () => {
  const otherKey = () => crypto.getRandomValues(new Uint8Array(32));
  const edits: [string, (keys: BackupKeys) => BackupKeys][] = [
    [
      'a recovery-code key added',
      (k) => ({ ...k, recoveryCode: { publicKey: otherKey(), createdAt: new Date().toISOString() } }),
    ],
    ['the passkey key replaced', (k) => ({ ...k, passkey: { ...k.passkey!, publicKey: otherKey() } })],
    [
      'the passkey salt replaced',
      (k) => ({
        ...k,
        passkey: { ...k.passkey!, kdf: { ...k.passkey!.kdf, salt: otherKey().subarray(0, 16) } },
      }),
    ],
  ];
  it.each(edits)('refuses keys changed outside NoteVault: %s', async (_name, edit) => {
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    await writeBackupKeys(ws.dbDir, edit(await readBackupKeys(ws.dbDir)));
    await expect(loadUnattendedKeys(store, ws.dbDir)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: CHANGED_OUTSIDE,
    });
  });

  it('refuses a recovery-code key taken out outside NoteVault, and keeps refusing after NoteVault changes the keys', async () => {
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    const withCode = await keepRecoveryKey(store, otherKey());
    expect((await loadUnattendedKeys(store, ws.dbDir))!.recoveryCode).toEqual(
      withCode.recoveryCode!.publicKey,
    );
    await writeBackupKeys(ws.dbDir, { ...withCode, recoveryCode: null });
    await expect(loadUnattendedKeys(store, ws.dbDir)).rejects.toMatchObject({ message: CHANGED_OUTSIDE });
    // A change NoteVault then makes does not bless the planted keys.
    await keepRecoveryKey(store, otherKey());
    await expect(loadUnattendedKeys(store, ws.dbDir)).rejects.toMatchObject({ message: CHANGED_OUTSIDE });
    // Off and on again: the keys now in the file are trusted.
    await forgetUnattendedKey(store);
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    expect(await loadUnattendedKeys(store, ws.dbDir)).not.toBeNull();
  });

  it('a record sealed before the hash existed trusts the keys of its first run, then refuses a change', async () => {
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    const { deviceSecretKey } = (await store.load()) as { deviceSecretKey: Uint8Array };
    await store.save({ version: 2, deviceSecretKey });
    expect(await loadUnattendedKeys(store, ws.dbDir)).not.toBeNull();
    expect(await store.load()).toMatchObject({
      backupKeysHash: await backupKeysHash(await readBackupKeys(ws.dbDir)),
    });
    await writeBackupKeys(ws.dbDir, edits[0]![1](await readBackupKeys(ws.dbDir)));
    await expect(loadUnattendedKeys(store, ws.dbDir)).rejects.toMatchObject({ message: CHANGED_OUTSIDE });
  });

  it('turning off while a change is being followed leaves no device key (the record is not saved back)', async () => {
    const { store } = makeStore();
    await enableDeviceKey(PASSKEY, store, deriveKey, ws.dbDir, cheapKdfParams());
    const before = await readBackupKeys(ws.dbDir);
    const after = await updateBackupKeys(ws.dbDir, (keys) => ({
      ...keys,
      recoveryCode: { publicKey: otherKey(), createdAt: new Date().toISOString() },
    }));
    await Promise.all([followBackupKeysChange(store, before, after), forgetUnattendedKey(store)]);
    expect(await store.load()).toBeNull();
  });

  it('following a change does nothing while scheduled backups are off', async () => {
    const { sealer, store } = makeStore();
    await keepRecoveryKey(store, otherKey());
    expect(await store.load()).toBeNull();
    expect(sealer.sealedTexts).toHaveLength(0);
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
    await sealVersion1(sealer, PASSKEY, kdf);
    const oldKeyB64 = b64(await deriveKey(PASSKEY, kdf));
    const { handedOut, watchedStore } = watched(store);

    const keys = await loadUnattendedKeys(watchedStore, ws.dbDir);

    const publicKey = await passkeyPublicKeyFor(PASSKEY, kdf);
    expect(keys!.passkey).toEqual({ kdf, publicKey });
    expect((await readBackupKeys(ws.dbDir)).passkey).toEqual({ kdf, publicKey });
    const now = await store.load();
    expect(now).toEqual({
      version: 2,
      deviceSecretKey: keys!.deviceSecretKey,
      backupKeysHash: await backupKeysHash(await readBackupKeys(ws.dbDir)),
    });
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
    const { sealer, store } = makeStore();
    await enableDeviceKey('the newer passkey', store, deriveKey, ws.dbDir, cheapKdfParams());
    const kept = await readBackupKeys(ws.dbDir);
    await sealVersion1(sealer, PASSKEY, cheapKdfParams());
    const keys = await loadUnattendedKeys(store, ws.dbDir);
    expect(keys!.passkey).toEqual(kept.passkey);
    expect(await readBackupKeys(ws.dbDir)).toEqual(kept);
    expect(await store.load()).toMatchObject({ version: 2 });
  });

  it('without the keychain the old record stays, to be converted later', async () => {
    const { sealer, store } = makeStore();
    await sealVersion1(sealer, PASSKEY, cheapKdfParams());
    sealer.setAvailable({ available: false, reason: 'the keyring is locked.' });
    await expect(loadUnattendedKeys(store, ws.dbDir)).rejects.toMatchObject({ code: 'IO' });
    sealer.setAvailable({ available: true });
    expect(await store.load()).toMatchObject({ version: 1 });
    expect((await loadUnattendedKeys(store, ws.dbDir))!.passkey).toEqual(
      (await readBackupKeys(ws.dbDir)).passkey,
    );
  });
});

import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cheapKdfParams } from '../../test/main/backup/format/test-support';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileSystem } from '../fsx/fs-seam';
import { fakeClock, scripted, tempFolders } from '../../test/main/fsx/test-faults';
import { FileSealedKeyStore, MAX_SEALED_KEY_FILE_BYTES, SEALED_KEY_FILE } from './file-sealed-key-store';
import { encodeKeyRecord } from './sealed-key-store';
import type { DeviceKeyRecord } from './sealed-key-store';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { writeVersion1SealedKey } from '../../test/main/keystore/version-1-record';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function record(): DeviceKeyRecord {
  return { version: 2, deviceSecretKey: crypto.getRandomValues(new Uint8Array(32)) };
}

async function setup(options: { fs?: FileSystem } = {}) {
  const dir = await folders.make();
  const file = join(dir, SEALED_KEY_FILE);
  const sealer = new InMemorySealer();
  const clock = fakeClock();
  const store = new FileSealedKeyStore(file, sealer, {
    fs: options.fs,
    retry: { sleep: clock.sleep, now: clock.now },
  });
  return { dir, file, sealer, store };
}

describe('FileSealedKeyStore', () => {
  it('loads back exactly the record it saved', async () => {
    const { store } = await setup();
    const saved = record();
    await store.save(saved);
    expect(await store.load()).toEqual(saved);
  });

  it('loads back a version-1 record (the passkey-derived key kept before format v2), to convert it', async () => {
    const { file, sealer, store } = await setup();
    const old = { version: 1, key: crypto.getRandomValues(new Uint8Array(32)), kdf: cheapKdfParams() };
    await writeVersion1SealedKey(file, sealer, old.key, old.kdf);
    expect(await store.load()).toEqual(old);
  });

  it('does not seal a version-1 record again when the keychain rotated its key (it is about to be replaced)', async () => {
    const { file, sealer, store } = await setup();
    const key = crypto.getRandomValues(new Uint8Array(32));
    await writeVersion1SealedKey(file, sealer, key, cheapKdfParams());
    sealer.rotate();
    expect(await store.load()).toMatchObject({ version: 1, key });
    expect(sealer.sealedTexts).toHaveLength(1); // the one the test wrote
  });

  it('never writes the device key or the record text in clear', async () => {
    const { file, sealer, store } = await setup();
    const saved = { version: 2 as const, deviceSecretKey: crypto.getRandomValues(new Uint8Array(32)) };
    await store.save(saved);
    const bytes = await readFile(file);
    const keyB64 = Buffer.from(saved.deviceSecretKey).toString('base64');
    expect(bytes.includes(Buffer.from(saved.deviceSecretKey))).toBe(false);
    expect(bytes.includes(Buffer.from(keyB64))).toBe(false);
    expect(sealer.sealedTexts).toEqual([JSON.stringify({ version: 2, deviceSecretKey: keyB64 })]);
  });

  it('makes the file readable by its owner only (POSIX)', async () => {
    if (process.platform === 'win32') return;
    const { file, store } = await setup();
    await store.save(record());
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('answers null when nothing is saved, and after forget()', async () => {
    const { dir, store } = await setup();
    expect(await store.load()).toBeNull();
    await store.save(record());
    await store.forget();
    expect(await store.load()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
    await store.forget(); // nothing saved: not an error
  });

  it('refuses to save without a keychain, and writes nothing', async () => {
    const { dir, sealer, store } = await setup();
    sealer.setAvailable({ available: false, reason: 'no keyring service is running.' });
    await expect(store.save(record())).rejects.toMatchObject({
      code: 'IO',
      message:
        'Scheduled backups need the system keychain (the test keychain) to keep the backup key safely while ' +
        'NoteVault runs unattended, and it is not available: no keyring service is running. ' +
        'Nothing was saved. You can still make backups by hand with your passkey.',
    });
    expect(sealer.sealedTexts).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('explains a key sealed by another keychain (copied profile, reset keychain)', async () => {
    const { file, store } = await setup();
    await store.save(record());
    const elsewhere = new FileSealedKeyStore(file, new InMemorySealer());
    await expect(elsewhere.load()).rejects.toMatchObject({
      code: 'IO',
      // One sentence for the tray and the banner; the file and the keychain's words behind Details.
      message:
        'Scheduled backups cannot unlock their saved key with the test keychain: ' +
        'turn scheduled backups off and on again in Settings and enter your passkey.',
      details: expect.stringMatching(
        /^".*sealed.*": Error while decrypting .* This happens after the keychain was reset, or the files were copied from another computer or user account\.$/,
      ) as unknown,
    });
  });

  it('reports a damaged or foreign file as damaged', async () => {
    const { file, store } = await setup();
    await writeFile(file, 'hello');
    await expect(store.load()).rejects.toMatchObject({
      message: expect.stringContaining('is damaged') as unknown,
    });
  });

  it('refuses a file over the size cap before reading it, however large', async () => {
    const { file, sealer, store } = await setup();
    // A record that would unseal, with padding after it: the cap, not the seal, refuses it.
    const sealed = Buffer.concat([
      Buffer.from('NVSEALEDKEY1\n'),
      await sealer.seal(encodeKeyRecord(record())),
    ]);
    await writeFile(
      file,
      Buffer.concat([sealed, Buffer.alloc(MAX_SEALED_KEY_FILE_BYTES + 1 - sealed.length)]),
    );
    await expect(store.load()).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('is damaged') as unknown,
      details: expect.stringContaining(
        `${MAX_SEALED_KEY_FILE_BYTES + 1} bytes; the file is at most`,
      ) as unknown,
    });
    // 8 GiB, sparse: reading it whole would fail past Node's 2 GiB buffer limit, or fill memory.
    await truncate(file, 8 * 1024 ** 3);
    await expect(store.load()).rejects.toMatchObject({
      details: expect.stringContaining(`${8 * 1024 ** 3} bytes; the file is at most`) as unknown,
    });
  });

  it('seals again when the keychain rotated its key', async () => {
    const { file, sealer, store } = await setup();
    const saved = record();
    await store.save(saved);
    const before = await readFile(file);
    sealer.rotate();
    expect(await store.load()).toEqual(saved);
    expect(sealer.sealedTexts).toHaveLength(2);
    expect((await readFile(file)).equals(before)).toBe(false);
    expect(await store.load()).toEqual(saved);
  });

  it('saves atomically through a briefly locked target (Windows EPERM on replace)', async () => {
    const rename = scripted(nodeFileSystem.rename, ['EPERM', 'EPERM'], 'rename');
    const { dir, store } = await setup({ fs: { ...nodeFileSystem, platform: 'win32', rename } });
    await store.save(record());
    const second = record();
    await store.save(second);
    expect(rename.calls.length).toBeGreaterThanOrEqual(3);
    expect(await store.load()).toEqual(second);
    expect(await readdir(dir)).toEqual([SEALED_KEY_FILE]);
  });

  it('refuses to seal a device key that is not 32 bytes', async () => {
    const { store } = await setup();
    await expect(store.save({ version: 2, deviceSecretKey: new Uint8Array(31) })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('reports a sealed record of an unknown version, or a device key of the wrong size, as damaged', async () => {
    for (const text of [
      JSON.stringify({ version: 3, deviceSecretKey: Buffer.alloc(32).toString('base64') }),
      JSON.stringify({ version: 2, deviceSecretKey: Buffer.alloc(16).toString('base64') }),
      JSON.stringify({ version: 2, deviceSecretKey: Buffer.alloc(32).toString('base64'), key: 'AA==' }),
    ]) {
      const { file, sealer, store } = await setup();
      await writeFile(file, Buffer.concat([Buffer.from('NVSEALEDKEY1\n'), await sealer.seal(text)]));
      await expect(store.load()).rejects.toMatchObject({
        message: expect.stringMatching(/is damaged|a device key is 32/) as unknown,
      });
    }
  });
});

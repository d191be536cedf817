import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cheapKdfParams } from '../../../test/main/backup/format/test-support';
import { fakeClock, scripted, tempFolders } from '../../../test/main/fsx/test-faults';
import { nodeFileSystem } from '../../fsx/fs-seam';
import type { BackupKeys } from './backup-keys-file';
import {
  BACKUP_KEYS_FILE,
  MAX_BACKUP_KEYS_FILE_BYTES,
  readBackupKeys,
  updateBackupKeys,
  writeBackupKeys,
} from './backup-keys-file';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

function someKeys(): BackupKeys {
  return {
    passkey: { kdf: cheapKdfParams(), publicKey: random(32) },
    recoveryCode: { publicKey: random(32), createdAt: '2026-12-06T03:04:05.678Z' },
  };
}

describe('backup-keys.json', () => {
  it('reads both ways in as null when there is no file', async () => {
    const dir = await folders.make();
    expect(await readBackupKeys(dir)).toEqual({ passkey: null, recoveryCode: null });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads back exactly what it wrote, in the documented JSON shape, owner-only', async () => {
    const dir = await folders.make();
    const keys = someKeys();
    await writeBackupKeys(dir, keys);
    expect(await readBackupKeys(dir)).toEqual(keys);
    const json = JSON.parse(await readFile(join(dir, BACKUP_KEYS_FILE), 'utf8')) as unknown;
    expect(json).toEqual({
      version: 1,
      passkey: {
        kdf: {
          algorithm: keys.passkey!.kdf.algorithm,
          opslimit: keys.passkey!.kdf.opslimit,
          memlimit: keys.passkey!.kdf.memlimit,
          salt: Buffer.from(keys.passkey!.kdf.salt).toString('base64'),
        },
        publicKey: Buffer.from(keys.passkey!.publicKey).toString('base64'),
      },
      recoveryCode: {
        publicKey: Buffer.from(keys.recoveryCode!.publicKey).toString('base64'),
        createdAt: keys.recoveryCode!.createdAt,
      },
    });
    if (process.platform !== 'win32')
      expect((await stat(join(dir, BACKUP_KEYS_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([BACKUP_KEYS_FILE]);
  });

  it('keeps either way in as null', async () => {
    const dir = await folders.make();
    const onlyPasskey = { ...someKeys(), recoveryCode: null };
    await writeBackupKeys(dir, onlyPasskey);
    expect(await readBackupKeys(dir)).toEqual(onlyPasskey);
    const onlyCode = { ...someKeys(), passkey: null };
    await writeBackupKeys(dir, onlyCode);
    expect(await readBackupKeys(dir)).toEqual(onlyCode);
  });

  it('replaces the file through a briefly locked target (Windows EPERM on replace)', async () => {
    const dir = await folders.make();
    const rename = scripted(nodeFileSystem.rename, ['EPERM', 'EPERM'], 'rename');
    const clock = fakeClock();
    const layer = {
      fs: { ...nodeFileSystem, platform: 'win32' as const, rename },
      retry: { sleep: clock.sleep, now: clock.now },
    };
    await writeBackupKeys(dir, someKeys(), layer);
    const second = someKeys();
    await writeBackupKeys(dir, second, layer);
    expect(rename.calls.length).toBeGreaterThanOrEqual(3);
    expect(await readBackupKeys(dir)).toEqual(second);
    expect(await readdir(dir)).toEqual([BACKUP_KEYS_FILE]);
  });

  it('refuses to write a public key that is not 32 bytes, KDF costs out of bounds, or a bad date', async () => {
    const dir = await folders.make();
    const keys = someKeys();
    await expect(
      writeBackupKeys(dir, { ...keys, passkey: { ...keys.passkey!, publicKey: random(31) } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      writeBackupKeys(dir, { ...keys, recoveryCode: { ...keys.recoveryCode!, publicKey: random(33) } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      writeBackupKeys(dir, {
        ...keys,
        passkey: { ...keys.passkey!, kdf: { ...keys.passkey!.kdf, opslimit: 0 } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      writeBackupKeys(dir, { ...keys, recoveryCode: { ...keys.recoveryCode!, createdAt: 'yesterday' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('updates one at a time, so changes made at once to different members are all kept', async () => {
    const dir = await folders.make();
    const { passkey, recoveryCode } = someKeys();
    const third = { ...recoveryCode!, createdAt: '2026-12-07T00:00:00.000Z' };
    await Promise.all([
      updateBackupKeys(dir, (keys) => ({ ...keys, passkey })),
      updateBackupKeys(dir, (keys) => ({ ...keys, recoveryCode })),
      updateBackupKeys(dir, () => Promise.reject(new Error('a change that fails writes nothing'))).catch(
        () => undefined,
      ),
      updateBackupKeys(dir, async (keys) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return keys.recoveryCode === null ? keys : { ...keys, recoveryCode: third };
      }),
    ]);
    expect(await readBackupKeys(dir)).toEqual({ passkey, recoveryCode: third });
  });

  describe('a damaged file is refused with a sentence that says what to do', () => {
    const valid = () => {
      const keys = someKeys();
      return {
        version: 1,
        passkey: {
          kdf: { ...keys.passkey!.kdf, salt: Buffer.from(keys.passkey!.kdf.salt).toString('base64') },
          publicKey: Buffer.from(keys.passkey!.publicKey).toString('base64'),
        },
        recoveryCode: null,
      };
    };
    const cases: [string, (file: string) => Promise<void>, RegExp][] = [
      ['not JSON', (f) => writeFile(f, '{"version": 1,'), /JSON/],
      ['not UTF-8', (f) => writeFile(f, Buffer.from([0xff, 0xfe, 0x7b])), /./],
      ['an unknown version', (f) => writeFile(f, JSON.stringify({ ...valid(), version: 2 })), /version/],
      ['an unknown member', (f) => writeFile(f, JSON.stringify({ ...valid(), extra: 1 })), /extra/],
      [
        'a short public key',
        (f) => {
          const json = valid();
          json.passkey.publicKey = Buffer.from(random(31)).toString('base64');
          return writeFile(f, JSON.stringify(json));
        },
        /31 bytes/,
      ],
      [
        'a salt that is not base64',
        (f) => {
          const json = valid();
          json.passkey.kdf.salt = 'not base64!';
          return writeFile(f, JSON.stringify(json));
        },
        /salt/,
      ],
      [
        'Argon2id costs beyond the caps',
        (f) => {
          const json = valid();
          json.passkey.kdf.memlimit = 2 ** 40;
          return writeFile(f, JSON.stringify(json));
        },
        /memlimit/,
      ],
      [
        'a file over the size cap (checked before parsing)',
        (f) => writeFile(f, ' '.repeat(MAX_BACKUP_KEYS_FILE_BYTES - 1) + JSON.stringify(valid())),
        new RegExp(`at most ${MAX_BACKUP_KEYS_FILE_BYTES}`),
      ],
    ];
    it.each(cases)('%s', async (_name, damage, detail) => {
      const dir = await folders.make();
      const file = join(dir, BACKUP_KEYS_FILE);
      await damage(file);
      const error = await readBackupKeys(dir).catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'NoteVaultError',
        code: 'IO',
        message:
          `NoteVault's list of backup keys "${file}" is damaged, so no new backup can be made: delete the file, ` +
          'make a backup by hand with your passkey, and create a new recovery code in Settings.',
      });
      expect((error as { details: string }).details).toMatch(detail);
    });
  });
});

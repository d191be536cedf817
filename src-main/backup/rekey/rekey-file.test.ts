/**
 * rekeyFile in place (read-only files, the handle its checks read through, faults at the file
 * seam) and the copy route of a header rewrite, which NoteVault's own headers never need (they
 * keep their length): driven directly with a shorter header, one without the recovery-code slot.
 */
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../fsx/fs-seam';
import type { FileSystem } from '../../fsx/fs-seam';
import { decodeHeaderV2, rewrapHeader } from '../format/v2/header-v2';
import type { BackupHeaderV2 } from '../format/v2/header-v2';
import { unlockFileKey } from '../format/v2/unlock-file-key';
import { keyIdOf } from '../format/v2/way-in-keys';
import { failingOpens } from '../../../test/main/backup/backup-test-support';
import {
  NEW_PASSKEY,
  OLD_PASSKEY,
  decryptsFully,
  makeV2Backup,
  passkeyWayIn,
  recoveryWayIn,
  whichPasskeyOpens,
} from '../../../test/main/backup/rekey-test-support';
import type { PasskeyWayIn } from '../../../test/main/backup/rekey-test-support';
import { fsError, scripted } from '../../../test/main/fsx/test-faults';
import { recoverRekeyJournals } from './finish-journal';
import { PasskeyDerivations } from './passkey-derivations';
import type { RekeyKeys } from './rekey-file';
import { rekeyFile } from './rekey-file';
import { rewriteByCopy } from './rewrite-by-copy';
import { journalPathFor } from './rekey-journal';

let dir = '';
let file = '';
let header: BackupHeaderV2;
let fileKey: Uint8Array;
let keys: RekeyKeys;
let shorter: Uint8Array;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nv-rekey-copy-'));
  file = join(dir, 'NoteVault-2026-12-06T01-00-00Z.nvbak');
  await makeV2Backup(file, await passkeyWayIn(OLD_PASSKEY), await recoveryWayIn(), 200_000);
  header = decodeHeaderV2(new Uint8Array(readFileSync(file).subarray(0, 1096)), file);
  fileKey = await unlockFileKey(header, { kind: 'passkey', passkey: OLD_PASSKEY }, file);
  const newWay: PasskeyWayIn = await passkeyWayIn(NEW_PASSKEY);
  const derivations = new PasskeyDerivations({ old: OLD_PASSKEY, new: NEW_PASSKEY });
  keys = {
    oldPasskey: OLD_PASSKEY,
    newPasskey: NEW_PASSKEY,
    deriveOld: derivations.deriverFor('old'),
    deriveNew: derivations.deriverFor('new'),
    newRecipient: { kind: 'passkey', kdf: newWay.kdf, publicKey: newWay.publicKey },
    newKeyId: await keyIdOf(newWay.publicKey),
    mayDerive: () => true,
  };
  shorter = await rewrapHeader(header, fileKey, [keys.newRecipient]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rewriteByCopy', () => {
  it('writes the file again with a header of another length, checked, then renamed over the original', async () => {
    expect(shorter.length).toBeLessThan(header.headerLength);
    const stream = readFileSync(file).subarray(header.headerLength);

    await rewriteByCopy(file, header, shorter, fileKey, keys, {});

    expect(await whichPasskeyOpens(file, [OLD_PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
    expect(await decryptsFully(file, { kind: 'passkey', passkey: NEW_PASSKEY })).toBe(200_000);
    expect(readFileSync(file).subarray(shorter.length)).toEqual(stream);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
  });

  it('leaves the original as it was, and no copy, when Windows keeps refusing the rename', async () => {
    const before = readFileSync(file);
    // Replacing a file another program holds fails with EPERM on Windows, for as long as it holds it.
    const fs = {
      ...failingOpens(/^$/, []),
      rename: scripted(nodeFileSystem.rename, ['EPERM', '*'], 'rename'),
    };
    await expect(
      rewriteByCopy(file, header, shorter, fileKey, keys, { fs, retry: { budgetMs: 50 } }),
    ).rejects.toMatchObject({ code: 'FILE_LOCKED' });
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
  });
});

describe('rekeyFile in place', () => {
  it('leaves a file with other hard links alone: writing it would change them too', async () => {
    const before = readFileSync(file);
    const otherName = join(dir, 'copy-elsewhere.bin');
    linkSync(file, otherName);
    expect(await rekeyFile(file, keys)).toMatchObject({ status: 'not-changed', reason: 'hard-linked' });
    expect(readFileSync(otherName)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual([otherName, file].map((p) => p.slice(dir.length + 1)).sort());
  });

  it('counts a file whose journal cannot be removed as changed, and leaves the journal to the sweep', async () => {
    const journal = journalPathFor(file);
    // As an antivirus or indexer on Windows holding the new journal open for longer than the retries.
    const fs: FileSystem = {
      ...nodeFileSystem,
      platform: 'win32',
      unlink: (path) =>
        path === journal ? Promise.reject(fsError('EBUSY', 'unlink', path)) : nodeFileSystem.unlink(path),
    };
    expect(await rekeyFile(file, keys, { fs, retry: { budgetMs: 50 } })).toMatchObject({ status: 'changed' });
    expect(await whichPasskeyOpens(file, [OLD_PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
    expect(existsSync(journal)).toBe(true);
    // The sweep writes the same header again and removes the journal.
    expect(await recoverRekeyJournals([dir])).toMatchObject({ finished: [journal], failures: [] });
    expect(await decryptsFully(file, { kind: 'passkey', passkey: NEW_PASSKEY })).toBe(200_000);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
  });

  it('removes its journal when the folder fsync after linking it into place fails', async () => {
    const before = readFileSync(file);
    // The journal is linked under its final name, then the folder's fsync reports EIO.
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: async (path, flags, mode) => {
        const handle = await nodeFileSystem.open(path, flags, mode);
        if (path !== dir) return handle;
        return new Proxy(handle, {
          get(target, property) {
            if (property === 'sync') return () => Promise.reject(fsError('EIO', 'fsync', path));
            const value: unknown = Reflect.get(target, property);
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      },
    };
    expect(await rekeyFile(file, keys, { fs })).toMatchObject({ status: 'not-changed', reason: 'io' });
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
  });

  it('reports a read-only file as read-only at once, not as locked after the retries', async () => {
    const before = readFileSync(file);
    chmodSync(file, 0o444);
    // As Windows: opening a read-only file for writing fails with EPERM (even for an administrator,
    // unlike root here), which looks like a lock.
    const fs: FileSystem = {
      ...nodeFileSystem,
      platform: 'win32',
      open: async (path, flags, mode) => {
        if (flags !== 'r' && (statSync(path).mode & 0o200) === 0) throw fsError('EPERM', 'open', path);
        return nodeFileSystem.open(path, flags, mode);
      },
    };
    expect(await rekeyFile(file, keys, { fs, retry: { budgetMs: 100 } })).toMatchObject({
      status: 'not-changed',
      reason: 'read-only',
      message: expect.stringMatching(/read-only/) as unknown,
    });
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
  });

  it('checks the file it opened, not whatever its name points to afterwards', async () => {
    const moved = `${file}.moved`;
    // Right after the change opens the backup, its name gets a copy whose chunk 0 is damaged.
    const damaged = readFileSync(file);
    damaged[header.headerLength + 40]! ^= 1;
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: async (path, flags, mode) => {
        const handle = await nodeFileSystem.open(path, flags, mode);
        if (path === file && typeof flags === 'number') {
          renameSync(file, moved);
          writeFileSync(file, damaged);
        }
        return handle;
      },
    };
    expect(await rekeyFile(file, keys, { fs })).toMatchObject({ status: 'changed' });
    expect(await decryptsFully(moved, { kind: 'passkey', passkey: NEW_PASSKEY })).toBe(200_000);
    expect(readFileSync(file)).toEqual(damaged);
  });

  it('leaves a backup another process is changing alone: its journal is already there', async () => {
    const before = readFileSync(file);
    // The journal is published by hard link, which never replaces one that exists.
    const fs: FileSystem = {
      ...nodeFileSystem,
      link: scripted(nodeFileSystem.link, ['EEXIST', '*'], 'link'),
    };
    expect(await rekeyFile(file, keys, { fs })).toMatchObject({ status: 'not-changed', reason: 'busy' });
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
  });

  it('puts the old header back when the header read back from the disk does not open', async () => {
    const before = readFileSync(file);
    let written = false;
    // A disk that answers the read-back with one byte of the header MAC changed, once the new header is written.
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: async (path, flags, mode) => {
        const handle = await nodeFileSystem.open(path, flags, mode);
        if (path !== file) return handle;
        return new Proxy(handle, {
          get(target, property) {
            if (property === 'write') {
              return (bytes: Uint8Array, offset: number, length: number, position: number) => {
                if (position === 0) written = true;
                return target.write(bytes, offset, length, position);
              };
            }
            if (property === 'read') {
              return async (buffer: Uint8Array, offset: number, length: number, position: number) => {
                const result = await target.read(buffer, offset, length, position);
                if (written && position === 0 && length >= header.headerLength)
                  buffer[offset + header.headerLength - 1]! ^= 1;
                return result;
              };
            }
            const value: unknown = Reflect.get(target, property);
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      },
    };
    expect(await rekeyFile(file, keys, { fs })).toMatchObject({ status: 'not-changed', reason: 'damaged' });
    expect(readFileSync(file)).toEqual(before);
    expect(await whichPasskeyOpens(file, [OLD_PASSKEY, NEW_PASSKEY])).toBe(OLD_PASSKEY);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
  });
});

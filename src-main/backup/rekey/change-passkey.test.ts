import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../../src-shared/errors';
import { encryptBytesToFile } from '../encrypt-bytes';
import { decodeHeaderV2 } from '../format/v2/header-v2';
import { publicKeyOf } from '../format/v2/way-in-keys';
import { readBackupKeys } from '../keys/backup-keys-file';
import { failingOpens } from '../../../test/main/backup/backup-test-support';
import { cheapKdfParams } from '../../../test/main/backup/format/test-support';
import { deriveKey } from '../format/kdf';
import {
  CHEAP_COSTS,
  NEW_PASSKEY,
  OLD_PASSKEY,
  OTHER_PASSKEY,
  countingDerive,
  decryptsFully,
  keepKeys,
  makeV2Backup,
  makeV2Folder,
  passkeyWayIn,
  recoveryWayIn,
  whichPasskeyOpens,
} from '../../../test/main/backup/rekey-test-support';
import type { PasskeyWayIn, RecoveryWayIn } from '../../../test/main/backup/rekey-test-support';
import { changePasskey } from './change-passkey';

let root = '';
let backups = '';
let keysFolder = '';
let oldWay: PasskeyWayIn;
let recovery: RecoveryWayIn;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'nv-change-passkey-'));
  backups = join(root, 'backups');
  keysFolder = join(root, 'data');
  for (const dir of [backups, keysFolder]) mkdirSync(dir, { recursive: true });
  oldWay = await passkeyWayIn(OLD_PASSKEY);
  recovery = await recoveryWayIn();
  await keepKeys(keysFolder, oldWay, recovery);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const request = (overrides: Partial<Parameters<typeof changePasskey>[0]> = {}) => ({
  keysFolder,
  backupFolders: [backups],
  oldPasskey: OLD_PASSKEY,
  newPasskey: NEW_PASSKEY,
  newKdfCosts: CHEAP_COSTS,
  ...overrides,
});

const slotBytes = (file: string, kind: string) =>
  decodeHeaderV2(new Uint8Array(readFileSync(file).subarray(0, 1096)), file).slots.find(
    (s) => s.kind === kind,
  )?.bytes;

describe('changing the passkey of a folder of v2 backups', () => {
  it('re-keys 50 backups with 2 Argon2id runs; each then opens fully with the new passkey only', async () => {
    const files = await makeV2Folder(backups, 50, oldWay, recovery);
    const recoverySlots = files.map((file) => slotBytes(file, 'recovery-code'));
    const streams = files.map((file) =>
      readFileSync(file).subarray(decodeHeaderV2(readFileSync(file), file).headerLength),
    );
    const derive = countingDerive();

    const report = await changePasskey(request(), {}, derive);

    expect(report).toMatchObject({
      changed: 50,
      alreadyNew: 0,
      notChanged: [],
      derivations: 2,
      finishedEarlier: 0,
    });
    // One run for the old passkey's one salt (files and backup-keys.json share it), one for the new.
    expect(derive.runs).toBe(2);
    for (const [i, file] of files.entries()) {
      expect(await whichPasskeyOpens(file, [OLD_PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
      expect(await decryptsFully(file, { kind: 'passkey', passkey: NEW_PASSKEY })).toBe(3000);
      await expect(decryptsFully(file, { kind: 'passkey', passkey: OLD_PASSKEY })).rejects.toMatchObject({
        code: 'WRONG_PASSKEY',
      });
      // The other ways in and the stream are kept byte for byte.
      expect(slotBytes(file, 'recovery-code')).toEqual(recoverySlots[i]);
      const bytes = readFileSync(file);
      expect(bytes.subarray(decodeHeaderV2(bytes, file).headerLength)).toEqual(streams[i]);
    }
    expect(await decryptsFully(files[7]!, { kind: 'recovery-code', code: recovery.code })).toBe(3000);
    const kept = await readBackupKeys(keysFolder);
    expect(kept.passkey?.kdf.salt).not.toEqual(oldWay.kdf.salt);
    expect(kept.recoveryCode?.publicKey).toEqual(recovery.publicKey);
    expect(readdirSync(backups).filter((n) => !n.endsWith('.nvbak'))).toEqual([]);

    // Run again (as after a crash): nothing left to change, and the new passkey is now the current one.
    const again = await changePasskey(
      request({ oldPasskey: NEW_PASSKEY, newPasskey: OLD_PASSKEY }),
      {},
      countingDerive(),
    );
    expect(again).toMatchObject({ changed: 50, derivations: 2 });
  });

  it('reports v1 files, another passkey, a locked, a damaged and a foreign file as not changed', async () => {
    await makeV2Folder(backups, 3, oldWay);
    const v1 = join(backups, 'v1.nvbak');
    writeFileSync(v1, '');
    const v1Kdf = cheapKdfParams();
    await encryptBytesToFile(
      new Uint8Array(100),
      v1,
      { formatVersion: 1, key: await deriveKey(OLD_PASSKEY, v1Kdf), kdf: v1Kdf },
      {
        appVersion: '0.1.0',
        schemaVersion: 3,
        createdAt: '2026-01-01T00:00:00.000Z',
        noteCount: 1,
        kind: 'manual',
      },
    );
    await makeV2Backup(join(backups, 'other.nvbak'), await passkeyWayIn(OTHER_PASSKEY));
    const locked = join(backups, 'locked.nvbak');
    await makeV2Backup(locked, oldWay);
    const lockedBefore = readFileSync(locked);
    const damaged = join(backups, 'damaged.nvbak');
    await makeV2Backup(damaged, oldWay);
    const bytes = readFileSync(damaged);
    const header = decodeHeaderV2(bytes, damaged);
    bytes[header.headerLength - 1]! ^= 1;
    writeFileSync(damaged, bytes);
    writeFileSync(join(backups, 'notes.nvbak'), 'not a backup at all');
    // Costs beyond NoteVault's own (512 MiB, 4 passes): a planted file that would stall the change.
    const costly = { ...cheapKdfParams(), opslimit: 4, memlimit: 512 * 1024 * 1024 };
    const someKey = await publicKeyOf(new Uint8Array(randomBytes(32)));
    await makeV2Backup(join(backups, 'costly.nvbak'), {
      passkey: OTHER_PASSKEY,
      kdf: costly,
      publicKey: someKey,
    });
    if (process.platform !== 'win32') symlinkSync(join(backups, 'other.nvbak'), join(backups, 'link.nvbak'));

    // Windows answers EBUSY while another program holds the file; it never lets go here.
    const fs = failingOpens(/locked\.nvbak$/, ['EBUSY', '*']);
    const report = await changePasskey(
      request(),
      { fileLayer: { fs, retry: { budgetMs: 50 } } },
      countingDerive(),
    );

    const reasons = Object.fromEntries(
      report.notChanged.map((n) => [n.file.slice(backups.length + 1), n.reason]),
    );
    expect(reasons).toEqual({
      'v1.nvbak': 'format-1',
      'other.nvbak': 'other-passkey',
      'locked.nvbak': 'locked',
      'damaged.nvbak': 'damaged',
      'notes.nvbak': 'not-a-backup',
      'costly.nvbak': 'costly',
      ...(process.platform === 'win32' ? {} : { 'link.nvbak': 'not-a-backup' }),
    });
    expect(report.changed).toBe(3);
    // The other passkey's salt is a distinct one: tried once with each passkey, then known not to be ours.
    expect(report.derivations).toBe(4);
    expect(readFileSync(locked)).toEqual(lockedBefore);
    expect(await whichPasskeyOpens(join(backups, 'other.nvbak'), [OTHER_PASSKEY])).toBe(OTHER_PASSKEY);
    expect(readdirSync(backups).filter((n) => n.endsWith('.rekey'))).toEqual([]);
  });

  it('refuses a wrong current passkey before touching any file', async () => {
    const files = await makeV2Folder(backups, 2, oldWay);
    const before = files.map((f) => readFileSync(f));
    await expect(
      changePasskey(request({ oldPasskey: OTHER_PASSKEY }), {}, countingDerive()),
    ).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
    });
    expect(files.map((f) => readFileSync(f))).toEqual(before);
    expect((await readBackupKeys(keysFolder)).passkey?.publicKey).toEqual(oldWay.publicKey);
  });

  it('without a kept passkey, lets the files decide: one that opens is enough, none refuses the change', async () => {
    rmSync(join(keysFolder, 'backup-keys.json'));
    const files = await makeV2Folder(backups, 2, oldWay);
    await expect(
      changePasskey(request({ oldPasskey: OTHER_PASSKEY }), {}, countingDerive()),
    ).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
    });
    expect(await readBackupKeys(keysFolder)).toEqual({ passkey: null, recoveryCode: null });

    const report = await changePasskey(request(), {}, countingDerive());
    expect(report).toMatchObject({ changed: 2, derivations: 2 });
    expect(await whichPasskeyOpens(files[1]!, [OLD_PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
    expect((await readBackupKeys(keysFolder)).passkey?.kdf.memlimit).toBe(CHEAP_COSTS.memlimit);
  });

  it('stops between files when cancelled, keeps the old passkey as current, and finishes when run again', async () => {
    const files = await makeV2Folder(backups, 12, oldWay);
    const cancel = new AbortController();
    const onProgress = (p: { phase: string; bytesDone: number }) => {
      if (p.phase === 'changing-passkey' && p.bytesDone === 5) cancel.abort();
    };
    const error = await changePasskey(
      request(),
      { signal: cancel.signal, onProgress },
      countingDerive(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteVaultError);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    const opens = await Promise.all(files.map((f) => whichPasskeyOpens(f, [OLD_PASSKEY, NEW_PASSKEY])));
    expect(opens).toEqual([...Array<string>(6).fill(NEW_PASSKEY), ...Array<string>(6).fill(OLD_PASSKEY)]);
    expect((await readBackupKeys(keysFolder)).passkey?.publicKey).toEqual(oldWay.publicKey);

    // The folder named twice (as a person might, with a trailing slash) is changed once.
    const report = await changePasskey(
      request({ backupFolders: [backups, `${backups}/`] }),
      {},
      countingDerive(),
    );
    expect(report).toMatchObject({ changed: 6, alreadyNew: 6, notChanged: [] });
    // The files the first run changed got this run's salt too: one salt per passkey again.
    const salts = new Set(
      files.map((f) => Buffer.from(decodeHeaderV2(readFileSync(f), f).passkeyKdf!.salt).toString('hex')),
    );
    expect(salts).toEqual(
      new Set([Buffer.from((await readBackupKeys(keysFolder)).passkey!.kdf.salt).toString('hex')]),
    );
  });
});

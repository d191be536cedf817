import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecoveryCode } from '../../src-shared/recovery-code';
import { defaultKdfParams } from '../backup/format/kdf';
import { encodeHeader, readAnyHeader } from '../backup/format/header';
import { encodeHeaderV2 } from '../backup/format/v2/header-v2';
import type { Recipient } from '../backup/format/v2/slots';
import { unlockFileKey } from '../backup/format/v2/unlock-file-key';
import { newFileKey, publicKeyOf } from '../backup/format/v2/way-in-keys';
import { BACKUP_KEYS_FILE, readBackupKeys, writeBackupKeys } from '../backup/keys/backup-keys-file';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import { recoveryCodeKeys } from '../backup/keys/recovery-code-keys';
import { RecoveryCodeService } from './recovery-code-service';

let root: string;
let keysFolder: string;
let backups: string;
let clock: Date;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-recovery-code-'));
  keysFolder = join(root, 'profile');
  backups = join(root, 'backups');
  mkdirSync(keysFolder);
  mkdirSync(backups);
  clock = new Date('2026-12-06T03:00:00.000Z');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function service(folders: () => readonly string[] = () => [backups]): RecoveryCodeService {
  return new RecoveryCodeService({ keysFolder, backupFolders: folders, now: () => clock });
}

function codeBytes(code: string): Uint8Array {
  const parsed = parseRecoveryCode(code);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.bytes;
}

const passkeyKey = crypto.getRandomValues(new Uint8Array(32));

/** A real passkey entry, as the backup pipeline keeps one: a create or revoke must leave it alone. */
async function keepPasskeyEntry(): Promise<Recipient & { kind: 'passkey' }> {
  const passkey = { kdf: defaultKdfParams(), publicKey: await publicKeyOf(passkeyKey) };
  await writeBackupKeys(keysFolder, { passkey, recoveryCode: null });
  return { kind: 'passkey', ...passkey };
}

/**
 * A v2 backup's header as the writer lays it out, for the recipients given, followed by bytes
 * standing for the stream (the scan reads headers only). Returns the file key, to prove below
 * that a slot really opens with the code shown.
 */
async function writeV2(name: string, recipients: readonly Recipient[]): Promise<string> {
  const header = await encodeHeaderV2(newFileKey(), crypto.getRandomValues(new Uint8Array(24)), recipients);
  const path = join(backups, name);
  writeFileSync(path, Buffer.concat([header, Buffer.alloc(4096, 7)]));
  return path;
}

function writeV1(name: string): string {
  const path = join(backups, name);
  writeFileSync(
    path,
    Buffer.concat([
      encodeHeader(defaultKdfParams(), crypto.getRandomValues(new Uint8Array(24))),
      Buffer.alloc(4096),
    ]),
  );
  return path;
}

async function recoveryRecipient(): Promise<Recipient> {
  const { recoveryCode } = await readBackupKeys(keysFolder);
  if (recoveryCode === null) throw new Error('no recovery code kept');
  return { kind: 'recovery-code', publicKey: recoveryCode.publicKey };
}

describe('RecoveryCodeService', () => {
  it('has no code until one is created, then keeps only its public key and creation time', async () => {
    const passkey = await keepPasskeyEntry();
    expect(await service().status()).toEqual({ exists: false, createdAt: null });

    const created = await service().create();
    expect(created).toMatchObject({
      createdAt: '2026-12-06T03:00:00.000Z',
      previousCreatedAt: null,
      stillCarryingOld: [],
      unchecked: [],
    });
    expect(await service().status()).toEqual({ exists: true, createdAt: '2026-12-06T03:00:00.000Z' });

    const kept = await readBackupKeys(keysFolder);
    const keys = await recoveryCodeKeys(codeBytes(created.code));
    expect(Buffer.from(kept.recoveryCode!.publicKey).equals(keys.publicKey)).toBe(true);
    expect(kept.passkey).toEqual({ kdf: passkey.kdf, publicKey: passkey.publicKey });
    // Neither the code nor its bytes nor its secret key are in the file, in any usual spelling.
    const file = readFileSync(join(keysFolder, BACKUP_KEYS_FILE), 'utf8');
    const bytes = Buffer.from(codeBytes(created.code));
    for (const secret of [
      created.code,
      created.code.replace(/-/g, ''),
      bytes.toString('hex'),
      bytes.toString('base64'),
      Buffer.from(keys.secretKey).toString('base64'),
      Buffer.from(keys.secretKey).toString('hex'),
    ]) {
      expect(file).not.toContain(secret);
    }
  });

  it('tells onKeysChanged each change it writes (create, revoke), and nothing when it writes nothing', async () => {
    await keepPasskeyEntry();
    const told: [BackupKeys, BackupKeys][] = [];
    const codes = new RecoveryCodeService({
      keysFolder,
      backupFolders: () => [backups],
      onKeysChanged: (before, after) => Promise.resolve(void told.push([before, after])),
    });
    const none = await readBackupKeys(keysFolder);
    await codes.create();
    const withCode = await readBackupKeys(keysFolder);
    await codes.revoke();
    await codes.revoke();
    expect(told).toEqual([
      [none, withCode],
      [withCode, none],
    ]);
    // A follower that fails does not undo or hide the code: it is made and shown.
    const failing = new RecoveryCodeService({
      keysFolder,
      backupFolders: () => [backups],
      onKeysChanged: () => Promise.reject(new Error('the keychain is locked')),
    });
    expect((await failing.create()).code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){7}$/);
  });

  it('makes the slot of a new backup open with the code it showed', async () => {
    const passkey = await keepPasskeyEntry();
    const { code } = await service().create();
    const path = await writeV2('NoteVault-2026-12-06T03-10-00Z.nvbak', [passkey, await recoveryRecipient()]);
    const header = await readAnyHeader(readFileSync(path), path);
    if (header.formatVersion !== 2) throw new Error('expected a v2 header');
    const fileKey = await unlockFileKey(header, { kind: 'recovery-code', code: codeBytes(code) }, path);
    expect(fileKey).toHaveLength(32);
  });

  it('on replace, lists exactly the backups in the folder that still carry the old code', async () => {
    const passkey = await keepPasskeyEntry();
    const first = await service().create();
    const oldSlot = await recoveryRecipient();
    const carrying = [
      await writeV2('NoteVault-2026-12-06T03-10-00Z.nvbak', [passkey, oldSlot]),
      await writeV2('NoteVault-2026-12-06T03-20-00Z-scheduled.nvbak', [
        passkey,
        oldSlot,
        { kind: 'device', publicKey: await publicKeyOf(newFileKey()) },
      ]),
      await writeV2('chosen-by-hand.NVBAK', [oldSlot]),
    ];
    await writeV2('NoteVault-2026-12-06T02-00-00Z.nvbak', [passkey]);
    writeV1('NoteVault-2026-11-01T00-00-00Z.nvbak');
    // Another code's slot: same kind, other key id.
    const other = await recoveryCodeKeys(crypto.getRandomValues(new Uint8Array(20)));
    await writeV2('NoteVault-2026-12-06T03-30-00Z.nvbak', [
      passkey,
      { kind: 'recovery-code', publicKey: other.publicKey },
    ]);
    writeFileSync(join(backups, 'notes.txt'), 'not a backup');
    const damaged = join(backups, 'NoteVault-2026-12-06T03-40-00Z.nvbak');
    writeFileSync(damaged, 'not a backup either');

    clock = new Date('2026-12-07T09:00:00.000Z');
    expect(await service().currentCodeOpens()).toEqual({
      carrying: expect.any(Array) as unknown,
      unchecked: [{ path: damaged, message: expect.any(String) as unknown }],
    });
    expect([...(await service().currentCodeOpens()).carrying].sort()).toEqual([...carrying].sort());
    const second = await service().create();
    expect(second.code).not.toBe(first.code);
    expect(second.previousCreatedAt).toBe('2026-12-06T03:00:00.000Z');
    expect([...second.stillCarryingOld].sort()).toEqual([...carrying].sort());
    expect(second.unchecked).toEqual([
      { path: damaged, message: expect.stringMatching(/not a NoteVault backup/) as unknown },
    ]);
    expect(await service().status()).toEqual({ exists: true, createdAt: '2026-12-07T09:00:00.000Z' });
    expect((await service().currentCodeOpens()).carrying).toEqual([]);
    const newSlot = await recoveryRecipient();
    expect(Buffer.from(newSlot.publicKey).equals(oldSlot.publicKey)).toBe(false);
  });

  it('on revoke, keeps the passkey entry, stops new slots and lists what the old code still opens', async () => {
    const passkey = await keepPasskeyEntry();
    await service().create();
    const carrying = await writeV2('NoteVault-2026-12-06T03-10-00Z.nvbak', [
      passkey,
      await recoveryRecipient(),
    ]);

    const revoked = await service().revoke();
    expect(revoked).toEqual({
      revoked: true,
      previousCreatedAt: '2026-12-06T03:00:00.000Z',
      stillCarryingOld: [carrying],
      unchecked: [],
    });
    expect(await readBackupKeys(keysFolder)).toEqual({
      passkey: { kdf: passkey.kdf, publicKey: passkey.publicKey },
      recoveryCode: null,
    });
    expect(await service().status()).toEqual({ exists: false, createdAt: null });
    expect(await service().currentCodeOpens()).toEqual({ carrying: [], unchecked: [] });
    expect(await service().revoke()).toEqual({
      revoked: false,
      previousCreatedAt: null,
      stillCarryingOld: [],
      unchecked: [],
    });
  });

  it('still hands over the new code when a backup folder cannot be read', async () => {
    await service().create();
    const notAFolder = join(root, 'a-file');
    writeFileSync(notAFolder, 'x');
    const missing = join(root, 'unplugged-drive');
    const created = await service(() => [notAFolder, missing, backups]).create();
    expect(parseRecoveryCode(created.code).ok).toBe(true);
    expect(created.unchecked).toEqual([
      { path: notAFolder, message: expect.stringContaining(notAFolder) as unknown },
      { path: missing, message: expect.stringMatching(/is not there/) as unknown },
    ]);
    expect(await service().status()).toMatchObject({ exists: true });
  });

  it('changes nothing and shows no code when backup-keys.json is damaged', async () => {
    const file = join(keysFolder, BACKUP_KEYS_FILE);
    writeFileSync(file, '{"version": 1, "passkey": ');
    await expect(service().create()).rejects.toMatchObject({ code: 'IO' });
    await expect(service().revoke()).rejects.toMatchObject({ code: 'IO' });
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "passkey": ');
  });

  it('runs a create and a revoke asked for at once one after the other', async () => {
    const recovery = service();
    const [created, revoked] = await Promise.all([recovery.create(), recovery.revoke()]);
    expect(revoked).toMatchObject({ revoked: true, previousCreatedAt: created.createdAt });
    expect(await recovery.status()).toEqual({ exists: false, createdAt: null });
  });
});

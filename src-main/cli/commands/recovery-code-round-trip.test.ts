/**
 * The command line opens v2 backups with the recovery code (--recovery-code-stdin), through the
 * real job worker, on real files with real libsodium. The passkey kept beside the database has
 * libsodium's least Argon2id work, so the backups derive in milliseconds.
 */
import { copyFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatRecoveryCode } from '../../../src-shared/recovery-code';
import { deriveKey } from '../../backup/format/kdf';
import { publicKeyOf, recoverySecretKey } from '../../backup/format/v2/way-in-keys';
import { writeBackupKeys } from '../../backup/keys/backup-keys-file';
import { passkeyPublicKey } from '../../backup/keys/passkey-keys';
import { verifyBackup } from '../../backup/verify-backup';
import { cheapKdfParams } from '../../../test/main/backup/format/test-support';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import { buildJobWorker, createNotesDatabase } from '../../../test/main/backup/worker/worker-test-support';
import { jsonOf, runBackupCli } from '../../../test/main/cli/commands/backup-test-support';

const PASSKEY = 'correct horse battery staple';
const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'previous-main');

let worker: BuiltWorker;
let root: string;
let temp: string;
let db: string;
let out: string;
let code: Uint8Array;
let codeText: string;

beforeAll(async () => {
  worker = await buildJobWorker();
}, 60_000);
afterAll(() => worker.remove());

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'notevault-cli-recovery-'));
  temp = join(root, 'temp');
  out = join(root, 'backups');
  await mkdir(temp);
  await mkdir(out);
  await mkdir(join(root, 'profile'));
  db = join(root, 'profile', 'notes.db');
  createNotesDatabase(db, 20, 300);
  // What the app keeps beside the database once a passkey and a recovery code exist.
  const kdf = cheapKdfParams();
  code = crypto.getRandomValues(new Uint8Array(20));
  codeText = formatRecoveryCode(code);
  await writeBackupKeys(join(root, 'profile'), {
    passkey: { kdf, publicKey: await passkeyPublicKey(await deriveKey(PASSKEY, kdf)) },
    recoveryCode: {
      publicKey: await publicKeyOf(await recoverySecretKey(code)),
      createdAt: '2026-12-01T00:00:00.000Z',
    },
  });
  return () => rm(root, { recursive: true, force: true });
});

const cli = (argv: readonly string[], stdin?: string, env: Record<string, string> = {}) =>
  runBackupCli(argv, worker, temp, { env, ...(stdin === undefined ? {} : { stdin }) });

async function backUp(): Promise<string> {
  const made = await cli(['backup', '--db', db, '--out', out, '--json'], undefined, {
    NOTEVAULT_PASSKEY: PASSKEY,
  });
  expect(made.stderr).toBe('');
  return jsonOf(made).file as string;
}

describe('notevault with --recovery-code-stdin', () => {
  it('verifies, inspects and restores a backup with its recovery code, typed loosely', async () => {
    const file = await backUp();
    const loose = `${codeText.toLowerCase().replaceAll('-', ' ')}\n`;

    const verified = await cli(['verify', file, '--recovery-code-stdin'], loose);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/is a good backup: 20 notes/);

    const inspected = jsonOf(await cli(['inspect', file, '--recovery-code-stdin', '--json'], loose));
    expect(inspected).toMatchObject({ header: { formatVersion: 2 }, metadata: { noteCount: 20 } });
    const slots = (inspected.header as { slots: { kind: string }[] }).slots.map((slot) => slot.kind);
    expect(slots).toEqual(['passkey', 'recovery-code']);
    const text = await cli(['inspect', file]);
    expect(text.stdout).toMatch(
      /Opens with \(2 ways in\):\n {2}passkey, key id [0-9a-f]{32} \(key derivation: /,
    );
    expect(text.stdout).toMatch(/\n {2}recovery code, key id [0-9a-f]{32}\n/);

    // Over a database that holds notes: the copy of them needs no passkey, the kept public keys make it.
    createNotesDatabase(join(root, 'other.db'), 3, 100);
    copyFileSync(join(root, 'other.db'), db);
    const restored = await cli(
      ['restore', '--db', db, '--from', file, '--recovery-code-stdin', '--json'],
      loose,
    );
    expect(restored.stderr).toBe('');
    const result = jsonOf(restored);
    expect(result).toMatchObject({ ok: true, restoredNotes: 20 });
    const safety = result.safetyBackup as string;
    expect(safety).toMatch(/-before-restore\.nvbak$/);
    // The copy of the replaced notes opens with the passkey and with the recovery code.
    for (const keySource of [{ passkey: PASSKEY }, { recoveryCode: code.slice() }]) {
      expect((await verifyBackup({ file: safety, keySource, tempParent: temp })).noteCount).toBe(3);
    }
  }, 60_000);

  it('names the mistyped group before opening anything, and refuses two ways in at once', async () => {
    const file = await backUp();
    // Group 3's first data symbol changed: its check symbol no longer matches.
    const groups = codeText.split('-');
    const third = groups[2] ?? '';
    groups[2] = `${third.startsWith('0') ? '1' : '0'}${third.slice(1)}`;
    const typo = await cli(['verify', file, '--recovery-code-stdin', '--json'], `${groups.join('-')}\n`);
    expect(typo.exitCode).toBe(1);
    expect(jsonOf(typo)).toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringMatching(/^Group 3 /) as unknown },
    });
    expect(await readdir(temp)).toEqual([]);

    // Never an argument: the process list would show it to every user.
    const argument = await cli(['verify', file, '--recovery-code', codeText]);
    expect(argument.exitCode).toBe(2);
    expect(argument.stderr).toMatch(/recovery code on the command line is visible/);

    const both = await cli(['verify', file, '--recovery-code-stdin'], `${codeText}\n`, {
      NOTEVAULT_PASSKEY: PASSKEY,
    });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/not both/);
  }, 60_000);

  it('says a backup made before recovery codes opens only with its passkey (exit 3)', async () => {
    const v1 = join(root, 'old.nvbak');
    copyFileSync(join(FIXTURES, 'notes-schema-2.nvbak'), v1);
    const run = await cli(['verify', v1, '--recovery-code-stdin', '--json'], `${codeText}\n`);
    expect(run.exitCode).toBe(3);
    expect(jsonOf(run)).toMatchObject({
      error: {
        code: 'WRONG_RECOVERY_CODE',
        details: expect.stringMatching(/format version 1 has no recovery-code slot/) as unknown,
      },
    });
    const text = await cli(['verify', v1, '--recovery-code-stdin'], `${codeText}\n`);
    expect(text.stderr).toMatch(/^notevault: That recovery code does not open this backup .*use its passkey/);
    const byPasskey = await cli(['verify', v1], undefined, { NOTEVAULT_PASSKEY: 'previous main fixture' });
    expect(byPasskey.exitCode).toBe(0);
  }, 60_000);
});

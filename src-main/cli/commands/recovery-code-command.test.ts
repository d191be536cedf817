import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecoveryCode } from '../../../src-shared/recovery-code';
import { encodeHeaderV2 } from '../../backup/format/v2/header-v2';
import { newFileKey } from '../../backup/format/v2/way-in-keys';
import { BACKUP_KEYS_FILE, readBackupKeys } from '../../backup/keys/backup-keys-file';
import { recoveryCodeKeys } from '../../backup/keys/recovery-code-keys';
import type { CliIo } from '../cli-types';
import { runCli } from '../run-cli';
import { withNotesDatabase } from './notes-database';
import { makeTempFolder, removeFolder, testIo } from '../../../test/main/cli/test-support';
import { startOtherOwner } from '../../../test/main/db/other-owner';

let root: string;
let db: string;
let backups: string;

beforeEach(() => {
  root = makeTempFolder('nv-recovery-cli-');
  db = join(root, 'profile', 'notevault.db');
  backups = join(root, 'backups');
  mkdirSync(backups);
  withNotesDatabase(db, () => undefined);
});

afterEach(() => removeFolder(root));

async function cli(argv: readonly string[], io: Partial<CliIo> = {}) {
  const captured = testIo();
  const exitCode = await runCli(argv, { ...captured.io, ...io });
  return { exitCode, stdout: captured.stdout(), stderr: captured.stderr() };
}

const atTerminal = { stdoutIsTTY: true };

function codeIn(text: string): string {
  const code = /^ {4}([0-9A-Z]{5}(?:-[0-9A-Z]{5}){7})$/m.exec(text)?.[1];
  if (code === undefined) throw new Error(`no code in:\n${text}`);
  return code;
}

async function keptPublicKey(): Promise<Buffer | null> {
  const { recoveryCode } = await readBackupKeys(join(root, 'profile'));
  return recoveryCode === null ? null : Buffer.from(recoveryCode.publicKey);
}

/** A v2 backup header with a recovery-code slot for the code kept now, then stand-in stream bytes. */
async function backupWithCurrentCode(name: string): Promise<string> {
  const publicKey = await keptPublicKey();
  if (publicKey === null) throw new Error('no code kept');
  const header = await encodeHeaderV2(newFileKey(), new Uint8Array(24), [
    { kind: 'recovery-code', publicKey },
  ]);
  const path = join(backups, name);
  writeFileSync(path, Buffer.concat([header, Buffer.alloc(1024)]));
  return path;
}

describe('notevault recovery-code', () => {
  it('create prints a code once, with what it opens, and keeps only its public key', async () => {
    const run = await cli(['recovery-code', 'create', '--db', db], atTerminal);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    const code = codeIn(run.stdout);
    expect(run.stdout).toMatch(/^Your recovery code:\n\n {4}\S+\n\nThis recovery code opens every backup/);
    expect(run.stdout).toContain('cannot show it again');
    const parsed = parseRecoveryCode(code);
    if (!parsed.ok) throw new Error(parsed.message);
    expect((await keptPublicKey())?.equals((await recoveryCodeKeys(parsed.bytes)).publicKey)).toBe(true);
    expect(readFileSync(join(root, 'profile', BACKUP_KEYS_FILE), 'utf8')).not.toContain(code);

    const status = await cli(['recovery-code', 'status', '--db', db, '--json']);
    expect(JSON.parse(status.stdout)).toEqual({
      ok: true,
      command: 'recovery-code',
      db,
      exists: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
  });

  it('refuses to print a new code into a file or pipe unless told to, changing nothing', async () => {
    const run = await cli(['recovery-code', 'create', '--db', db]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/would go to a file or pipe, not a terminal; nothing was changed/);
    expect(existsSync(join(root, 'profile', BACKUP_KEYS_FILE))).toBe(false);

    const withYes = await cli(['recovery-code', 'create', '--db', db, '--yes']);
    expect(withYes.exitCode).toBe(0);
    expect(parseRecoveryCode(codeIn(withYes.stdout)).ok).toBe(true);
  });

  it('replaces only with --replace, and --json lists the backups the old code still opens', async () => {
    const first = codeIn((await cli(['recovery-code', 'create', '--db', db], atTerminal)).stdout);
    const oldBackup = await backupWithCurrentCode('NoteVault-2026-12-06T03-10-00Z.nvbak');

    const status = await cli(['recovery-code', 'status', '--db', db, '--backups', backups]);
    expect(status.stdout).toMatch(
      /^A recovery code exists since .*\nIt opens 1 backup in the backup folder:\n {2}\S+\n$/,
    );
    expect(status.stdout).toContain(oldBackup);

    const refused = await cli(['recovery-code', 'create', '--db', db], atTerminal);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/a recovery code exists since .*; give --replace/);
    expect(refused.stdout).toBe('');

    const replaced = await cli([
      'recovery-code',
      'create',
      '--db',
      db,
      '--replace',
      '--backups',
      backups,
      '--json',
    ]);
    expect(replaced.exitCode).toBe(0);
    const result = JSON.parse(replaced.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      ok: true,
      replaced: true,
      stillCarryingOld: [oldBackup],
      unchecked: [],
      previousCreatedAt: expect.any(String) as unknown,
    });
    expect(result.code).not.toBe(first);
    expect(parseRecoveryCode(result.code as string).ok).toBe(true);
  });

  it('revoke says what the old code still opens, and that there is nothing to revoke the second time', async () => {
    await cli(['recovery-code', 'create', '--db', db], atTerminal);
    const oldBackup = await backupWithCurrentCode('NoteVault-2026-12-06T03-10-00Z.nvbak');
    writeFileSync(join(backups, 'broken.nvbak'), 'not a backup');

    const revoked = await cli(['recovery-code', 'revoke', '--db', db, '--backups', backups]);
    expect(revoked.exitCode).toBe(0);
    expect(revoked.stdout).toContain('New backups no longer open with the recovery code');
    expect(revoked.stdout).toContain('The old recovery code still opens 1 backup in the backup folder');
    expect(revoked.stdout).toContain(`  ${oldBackup}\n`);
    expect(revoked.stdout).toMatch(
      /These could not be checked:\n {2}.*broken\.nvbak is not a NoteVault backup/,
    );
    expect(await keptPublicKey()).toBeNull();

    const again = await cli(['recovery-code', 'revoke', '--db', db, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, revoked: false, stillCarryingOld: [] });
    const status = await cli(['recovery-code', 'status', '--db', db]);
    expect(status.stdout).toMatch(
      /^There is no recovery code: backups made from .* open only with the passkey/,
    );
  });

  it('without --backups, says the old code still opens earlier backups and how to list them', async () => {
    await cli(['recovery-code', 'create', '--db', db], atTerminal);
    const run = await cli(['recovery-code', 'create', '--db', db, '--replace'], atTerminal);
    expect(run.stdout).toContain('Backups made so far still open with the old code; give --backups <folder>');
  });

  it('refuses to change the code while the app has the database open', async () => {
    const app = await startOtherOwner(db, 'app');
    try {
      for (const action of ['create', 'revoke']) {
        const run = await cli(['recovery-code', action, '--db', db], atTerminal);
        expect(run.exitCode).toBe(5);
        expect(run.stderr).toMatch(
          /NoteVault is using this database .*: quit it first, or manage the recovery code/,
        );
      }
      expect(existsSync(join(root, 'profile', BACKUP_KEYS_FILE))).toBe(false);
      expect((await cli(['recovery-code', 'status', '--db', db])).exitCode).toBe(0);
    } finally {
      await app.kill();
    }
  });

  it('refuses an unknown action and a --db that is not there', async () => {
    const unknown = await cli(['recovery-code', 'show', '--db', db]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/<action> must be one of create, revoke, status; got 'show'/);
    const missing = await cli(['recovery-code', 'status', '--db', join(root, 'nope.db')]);
    expect(missing.exitCode).toBe(5);
    expect(missing.stderr).toMatch(/There is no notes database at/);
  });
});

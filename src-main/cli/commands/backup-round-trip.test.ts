/**
 * The backup commands end to end through runCli, the real job worker and a real notes
 * database, with the passkey from the environment and from standard input. Each backup
 * made here uses the app's real Argon2id settings (seconds per derivation), so this file
 * holds the one full round trip; backup-commands.test.ts covers the failures on a backup
 * made with cheap settings.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import {
  buildJobWorker,
  countNotes,
  createNotesDatabase,
} from '../../../test/main/backup/worker/worker-test-support';
import { jsonOf, runBackupCli } from '../../../test/main/cli/commands/backup-test-support';

let worker: BuiltWorker;
let dir = '';
beforeAll(async () => {
  worker = await buildJobWorker();
  dir = await mkdtemp(join(tmpdir(), 'notevault-cli-backup-'));
});
afterAll(async () => {
  await worker.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('notevault backup, verify, inspect, restore', () => {
  it('round-trips a notes database through an encrypted backup', async () => {
    const db = join(dir, 'notes.db');
    const out = join(dir, 'backups');
    const temp = join(dir, 'temp');
    await mkdir(out);
    await mkdir(temp);
    createNotesDatabase(db, 120, 2000);
    const env = { NOTEVAULT_PASSKEY: 'correct horse battery staple' };

    // Leftovers of a crashed run: an hour-old plaintext folder and partial are swept
    // first; fresh ones may belong to a backup the app is making right now, so they stay.
    const oldTemp = join(temp, 'notevault-tmp-backup-Ab12Cd');
    await mkdir(oldTemp);
    await writeFile(join(oldTemp, 'snapshot.db'), 'plaintext notes');
    const oldPartial = join(out, 'NoteVault-2020-01-01T00-00-00Z.nvbak.partial');
    await writeFile(oldPartial, 'half a backup');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(oldTemp, 'snapshot.db'), twoHoursAgo, twoHoursAgo);
    await utimes(oldTemp, twoHoursAgo, twoHoursAgo);
    await utimes(oldPartial, twoHoursAgo, twoHoursAgo);
    const freshPartial = join(out, 'NoteVault-2021-01-01T00-00-00Z.nvbak.partial');
    await writeFile(freshPartial, 'in progress elsewhere');

    const backup = await runBackupCli(['backup', '--db', db, '--out', out, '--json'], worker, temp, { env });
    expect(backup.stderr).toBe('');
    expect(backup.exitCode).toBe(0);
    const made = jsonOf(backup);
    expect(made).toMatchObject({ ok: true, command: 'backup', db, noteCount: 120 });
    const file = made.file as string;
    expect(file).toMatch(/NoteVault-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.nvbak$/);
    expect(existsSync(oldTemp)).toBe(false);
    expect(existsSync(oldPartial)).toBe(false);
    expect(existsSync(freshPartial)).toBe(true);
    expect(await readdir(temp)).toEqual([]);

    const verify = await runBackupCli(['verify', file], worker, temp, {
      stdin: 'correct horse battery staple\n',
    });
    // Without --passkey-stdin the piped passkey is not read, and there is no terminal.
    expect(verify.exitCode).toBe(2);
    const verified = await runBackupCli(['verify', file, '--passkey-stdin'], worker, temp, {
      stdin: 'correct horse battery staple\n',
    });
    expect(verified.stderr).toBe('');
    expect(verified.exitCode).toBe(0);
    expect(verified.stdout).toMatch(
      /is a good backup: 120 notes, made .* by NoteVault 9\.9\.9-test \(manual backup\)/,
    );

    const header = await runBackupCli(['inspect', file, '--json'], worker, temp);
    expect(header.exitCode).toBe(0);
    expect(jsonOf(header)).toEqual({
      ok: true,
      command: 'inspect',
      file,
      header: {
        formatVersion: 2,
        size: expect.any(Number) as unknown,
        kdf: { algorithm: 2, opslimit: 3, memlimit: 256 * 1024 * 1024 },
        // The passkey only: no recovery code was made beside this database.
        slots: [
          {
            kind: 'passkey',
            kindByte: 1,
            keyId: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
            kdf: { algorithm: 2, opslimit: 3, memlimit: 256 * 1024 * 1024 },
          },
        ],
      },
      metadata: null,
    });
    const inspected = await runBackupCli(['inspect', file], worker, temp, { env });
    expect(inspected.exitCode).toBe(0);
    expect(inspected.stdout).toMatch(/format version 2/);
    expect(inspected.stdout).toMatch(/Notes: {4}120/);

    const newMachine = join(dir, 'new-machine', 'NoteVault', 'notevault.db');
    const restore = await runBackupCli(
      ['restore', '--db', newMachine, '--from', file, '--json'],
      worker,
      temp,
      {
        env,
      },
    );
    expect(restore.stderr).toBe('');
    expect(restore.exitCode).toBe(0);
    expect(jsonOf(restore)).toMatchObject({
      ok: true,
      command: 'restore',
      db: newMachine,
      restoredNotes: 120,
      safetyBackup: null,
    });
    expect(countNotes(newMachine)).toBe(120);
  });
});

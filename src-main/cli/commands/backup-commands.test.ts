/**
 * The backup commands' failures, options and output through runCli and the real job
 * worker. The fixture backup is made with libsodium's minimum Argon2id settings (stored in
 * its header), so every passkey check here takes milliseconds instead of seconds.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deriveKey } from '../../backup/format/kdf';
import { cheapKdfParams } from '../../../test/main/backup/format/test-support';
import { runBackupJob } from '../../backup/worker/run-backup-job';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import {
  buildJobWorker,
  countNotes,
  createNotesDatabase,
} from '../../../test/main/backup/worker/worker-test-support';
import { jsonOf, runBackupCli } from '../../../test/main/cli/commands/backup-test-support';
import { startOtherOwner } from '../../../test/main/db/other-owner';

const PASSKEY = 'fixture passkey';
/** The person's own passkey, strong enough for a new backup. */
const OWN_PASSKEY = 'violet-harbour-lantern-42';
let worker: BuiltWorker;
let root = '';
let fixture = '';

beforeAll(async () => {
  worker = await buildJobWorker();
  root = await mkdtemp(join(tmpdir(), 'notevault-cli-backup-errors-'));
  const db = join(root, 'fixture.db');
  createNotesDatabase(db, 40, 1500);
  await mkdir(join(root, 'fixture'));
  const kdf = cheapKdfParams();
  const made = await runBackupJob(
    {
      kind: 'backup',
      request: {
        databasePath: db,
        destination: join(root, 'fixture', 'fixture.nvbak'),
        keySource: { key: await deriveKey(PASSKEY, kdf), kdf },
        kind: 'manual',
        appVersion: '9.9.9-test',
      },
    },
    { workerPath: worker.workerPath },
  );
  fixture = made.file;
});
afterAll(async () => {
  await worker.remove();
  await rm(root, { recursive: true, force: true });
});

let dir = '';
let temp = '';
let backup = '';
beforeEach(async () => {
  dir = await mkdtemp(join(root, 'case-'));
  temp = join(dir, 'temp');
  await mkdir(temp);
  backup = join(dir, 'notes.nvbak');
  await copyFile(fixture, backup);
});

const env = { NOTEVAULT_PASSKEY: PASSKEY };
const cli = (argv: readonly string[], options: Parameters<typeof runBackupCli>[3] = {}) =>
  runBackupCli(argv, worker, temp, options);

function expectOneErrorLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(/^notevault: /);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(pattern);
}

describe('passkey sources', () => {
  it.each([
    [['verify', 'x.nvbak', '--passkey', 'hunter2']],
    [['backup', '--db', 'x.db', '--out', '.', '--passkey=hunter2']],
    [['restore', '--db', 'x.db', '--from', 'x.nvbak', '--passkey', 'hunter2']],
    [['inspect', 'x.nvbak', '--passkey', 'hunter2']],
  ])('%j is refused with the reason, without echoing the value', async (argv) => {
    const run = await cli(argv);
    expect(run.exitCode).toBe(2);
    expectOneErrorLine(run.stderr, /--passkey is not accepted: .*visible to every user .* process list/);
    expect(run.stderr + run.stdout).not.toContain('hunter2');
  });

  it('accepts the passkey from NOTEVAULT_PASSKEY and from --passkey-stdin', async () => {
    expect((await cli(['verify', backup], { env })).exitCode).toBe(0);
    const piped = await cli(['verify', backup, '--passkey-stdin'], { stdin: `${PASSKEY}\n` });
    expect(piped.stderr).toBe('');
    expect(piped.exitCode).toBe(0);
    expect(piped.stdout).toMatch(/is a good backup: 40 notes/);
  });

  // The app's rule (src-shared/passkey-strength.ts): a weak passkey never encrypts a backup,
  // whichever way the backup is made. Refused before any file is written.
  it.each(['password1', 'Password123'])('refuses the weak passkey %j for a new backup', async (weak) => {
    const db = join(dir, 'notes.db');
    createNotesDatabase(db, 3, 100);
    const out = join(dir, 'out');
    await mkdir(out);
    const run = await cli(['backup', '--db', db, '--out', out, '--json'], {
      env: { NOTEVAULT_PASSKEY: weak },
    });
    expect(run.exitCode).toBe(1);
    expectOneErrorLine(run.stderr, /^notevault: This passkey is too easy to guess.*Choose a longer one/);
    expect(jsonOf(run)).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses a run with no passkey source and no terminal, and a run with two sources', async () => {
    const none = await cli(['verify', backup]);
    expect(none.exitCode).toBe(2);
    expectOneErrorLine(none.stderr, /no passkey given: set NOTEVAULT_PASSKEY or use --passkey-stdin/);
    const both = await cli(['verify', backup, '--passkey-stdin'], { env, stdin: `${PASSKEY}\n` });
    expect(both.exitCode).toBe(2);
    expectOneErrorLine(both.stderr, /give the passkey one way only/);
  });
});

describe('exit codes of failures', () => {
  it('exits 3 for a wrong passkey', async () => {
    const run = await cli(['verify', backup, '--json'], { env: { NOTEVAULT_PASSKEY: 'not it' } });
    expect(run.exitCode).toBe(3);
    // The window's sentence (one catalogue); the file and byte offset are in the JSON's details.
    expect(run.stderr).toBe(
      'notevault: That passkey does not open this backup: check it (capital letters count) and try again.\n',
    );
    expect(jsonOf(run)).toMatchObject({
      ok: false,
      command: 'verify',
      error: {
        code: 'WRONG_PASSKEY',
        message: 'That passkey does not open this backup: check it (capital letters count) and try again.',
        details: expect.stringMatching(/key id of the passkey slot at byte offset 40 differs/) as unknown,
      },
    });
  });

  it('exits 4 for a damaged backup', async () => {
    const bytes = await readFile(backup);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    await writeFile(backup, bytes);
    const run = await cli(['verify', backup], { env });
    expect(run.exitCode).toBe(4);
    expectOneErrorLine(run.stderr, /is damaged/);
  });

  it('exits 4 for a file that is not a backup, before asking for a passkey', async () => {
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'just some text, long enough to hold a header and then some more of it');
    for (const argv of [
      ['verify', text],
      ['inspect', text],
      ['restore', '--db', join(dir, 'n.db'), '--from', text],
    ]) {
      const run = await cli(argv);
      expect(run.exitCode).toBe(4);
      expectOneErrorLine(run.stderr, /is not a NoteVault backup/);
    }
  });

  it('exits 4 for a backup from a newer format version', async () => {
    const bytes = await readFile(backup);
    bytes.writeUInt16LE(3, 8);
    await writeFile(backup, bytes);
    const run = await cli(['inspect', backup, '--json']);
    expect(run.exitCode).toBe(4);
    expectOneErrorLine(
      run.stderr,
      /^notevault: This backup was made by a newer NoteVault: update NoteVault, then try again\.\n$/,
    );
    expect(jsonOf(run)).toMatchObject({
      error: { code: 'BACKUP_UNSUPPORTED', details: expect.stringMatching(/format version 3/) as unknown },
    });
  });

  it('exits 5 when a file or folder cannot be used', async () => {
    const db = join(dir, 'notes.db');
    createNotesDatabase(db, 3, 100);
    const missingOut = await cli(['backup', '--db', db, '--out', join(dir, 'no-such-folder')]);
    expect(missingOut.exitCode).toBe(5);
    expectOneErrorLine(missingOut.stderr, /backup folder .*no-such-folder does not exist/);
    const missingDb = await cli(['backup', '--db', join(dir, 'typo.db'), '--out', dir]);
    expect(missingDb.exitCode).toBe(5);
    expectOneErrorLine(missingDb.stderr, /There is no notes database at .*typo\.db.*Check the --db path/);
    const missingBackup = await cli(['verify', join(dir, 'gone.nvbak')]);
    expect(missingBackup.exitCode).toBe(5);
    expectOneErrorLine(missingBackup.stderr, /There is no backup file at .*gone\.nvbak/);
  });
});

describe('path options', () => {
  it.each([
    [['backup', '--db', 'notes\0.db', '--out', '.'], /--db path because it contains a NUL character/],
    [['backup', '--db', 'notes.db', '--out', 'out\0'], /--out path because it contains a NUL character/],
    [['restore', '--db', 'x.db', '--from', 'a\0.nvbak'], /--from path because it contains a NUL character/],
    [['restore', '--db', 'x\0.db', '--from', 'a.nvbak'], /--db path because it contains a NUL character/],
    [
      ['restore', '--db', 'x.db', '--from', 'a.nvbak', '--safety-dir', 's\0'],
      /--safety-dir path because it contains a NUL character/,
    ],
  ])('%j is refused by the one path rule before anything is opened', async (argv, reason) => {
    const run = await cli(argv, { env });
    expect(run.exitCode).toBe(2);
    expectOneErrorLine(run.stderr, reason);
  });
});

describe('notevault restore', () => {
  it('saves the current database as a before-restore backup under your own passkey, then replaces it', async () => {
    const db = join(dir, 'live', 'notes.db');
    await mkdir(join(dir, 'live'));
    createNotesDatabase(db, 7, 300);
    const own = { ...env, NOTEVAULT_SAFETY_PASSKEY: OWN_PASSKEY };
    const run = await cli(['restore', '--db', db, '--from', backup, '--json'], { env: own });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = jsonOf(run);
    expect(result).toMatchObject({ restoredNotes: 40, metadata: { noteCount: 40, kind: 'manual' } });
    // The fixture was made with libsodium's least work; the safety backup gets the default.
    expect(result.cheaperKeyThanDefault).toBe(true);
    expect(result.safetyBackup).toMatch(new RegExp(`^${dir}/NoteVault-.*-before-restore\\.nvbak$`));
    expect(countNotes(db)).toBe(40);

    // The backup's passkey does not open the copy of the 7 notes from before; your own does.
    const safety = result.safetyBackup as string;
    const shared = await cli(['restore', '--db', db, '--from', safety, '--safety-same-passkey'], { env });
    expect(shared.exitCode).toBe(3);
    expect(countNotes(db)).toBe(40);
    const undo = await cli(['restore', '--db', db, '--from', safety, '--safety-same-passkey'], {
      env: { NOTEVAULT_PASSKEY: OWN_PASSKEY },
    });
    expect(undo.exitCode).toBe(0);
    expect(undo.stdout).toMatch(/Restored 7 notes/);
    expect(undo.stdout).not.toMatch(/less work/);
    expect(countNotes(db)).toBe(7);
  });

  it("keeps the text a restore replaces in its note's history, and says how many", async () => {
    const db = join(dir, 'notes.db');
    const own = { ...env, NOTEVAULT_SAFETY_PASSKEY: OWN_PASSKEY };
    expect((await cli(['restore', '--db', db, '--from', backup], { env: own })).exitCode).toBe(0);
    const editOne = (body: string): void => {
      const edit = new Database(db);
      edit.prepare('UPDATE notes SET body = ? WHERE seq = (SELECT min(seq) FROM notes)').run(body);
      edit.close();
    };
    editOne('Changed since the backup');
    const run = await cli(['restore', '--db', db, '--from', backup], { env: own });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/ The text the restore replaced in 1 note is kept in its history\./);
    editOne('Changed again');
    const json = jsonOf(await cli(['restore', '--db', db, '--from', backup, '--json'], { env: own }));
    expect(json).toMatchObject({ restoredNotes: 40, keptInHistory: 1 });
  });

  it("never takes the backup's passkey for the current notes unasked: --yes does not imply it", async () => {
    const db = join(dir, 'notes.db');
    createNotesDatabase(db, 3, 100);
    const before = await readFile(db);
    const refused = await cli(['restore', '--db', db, '--from', backup, '--yes'], { env });
    expect(refused.exitCode).toBe(2);
    expectOneErrorLine(refused.stderr, /holds notes.*NOTEVAULT_SAFETY_PASSKEY.*--safety-same-passkey/);
    expect(await readFile(db)).toEqual(before);
    // A passkey of your own must be as hard to guess as a new backup's.
    const weak = await cli(['restore', '--db', db, '--from', backup], {
      env: { ...env, NOTEVAULT_SAFETY_PASSKEY: 'abc' },
    });
    expect(weak.exitCode).toBe(1);
    expectOneErrorLine(weak.stderr, /too easy to guess/);
    const piped = await cli(['restore', '--db', db, '--from', backup, '--safety-passkey-stdin'], {
      env,
      stdin: `${OWN_PASSKEY}\n`,
    });
    expect(piped.exitCode).toBe(0);
    expect(countNotes(db)).toBe(40);
    expect((await readdir(dir)).filter((n) => n.endsWith('-before-restore.nvbak'))).toHaveLength(1);
  });

  it('puts the safety backup in --safety-dir when given', async () => {
    const db = join(dir, 'notes.db');
    createNotesDatabase(db, 2, 100);
    const safety = join(dir, 'safety');
    const run = await cli(
      ['restore', '--db', db, '--from', backup, '--safety-dir', safety, '--safety-same-passkey'],
      { env },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/The database as it was before is saved in .*safety/);
    expect(run.stdout).toMatch(/protects its passkey with less work than NoteVault uses/);
    expect((await readdir(safety)).filter((n) => n.endsWith('-before-restore.nvbak'))).toHaveLength(1);
  });

  it('removes the folders it created for a new database when the restore fails', async () => {
    const db = join(dir, 'new', 'deeper', 'notes.db');
    const run = await cli(['restore', '--db', db, '--from', backup], { env: { NOTEVAULT_PASSKEY: 'wrong' } });
    expect(run.exitCode).toBe(3);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });

  it('refuses while the app has the database open, changing nothing, and restores once the app quit', async () => {
    const db = join(dir, 'notes.db');
    createNotesDatabase(db, 3, 100);
    const before = await readFile(db);
    const app = await startOtherOwner(db, 'app');
    try {
      const refused = await cli(['restore', '--db', db, '--from', backup, '--safety-same-passkey'], { env });
      expect(refused.exitCode).toBe(5);
      expectOneErrorLine(
        refused.stderr,
        /NoteVault is open and using this database \(.*notes\.db\); quit it first, or restore from the app\./,
      );
      expect(await readFile(db)).toEqual(before);
      expect((await readdir(dir)).filter((name) => name.endsWith('.nvbak'))).toEqual(['notes.nvbak']);
    } finally {
      await app.kill();
    }
    const restored = await cli(['restore', '--db', db, '--from', backup, '--safety-same-passkey'], { env });
    expect(restored.exitCode).toBe(0);
    expect(countNotes(db)).toBe(40);
    // The tool's own record went with it.
    expect(existsSync(`${db}-owner`)).toBe(false);
  });
});

describe('output', () => {
  it('draws progress on stderr only when it is a terminal, and clears it before the result', async () => {
    const quiet = await cli(['verify', backup], { env });
    expect(quiet.stderr).toBe('');
    const drawn = await cli(['verify', backup], { env, stderrIsTTY: true });
    expect(drawn.exitCode).toBe(0);
    const rewrite = '\r\u001b[K';
    expect(drawn.stderr.startsWith(rewrite)).toBe(true);
    const lines = drawn.stderr.split(rewrite).filter((line) => line !== '');
    expect(
      lines.some((line) =>
        /^Decrypting: \d+% \((\d+ bytes|\d+\.\d [KMG]B) of (\d+ bytes|\d+\.\d [KMG]B)\)$/.test(line),
      ),
    ).toBe(true);
    expect(lines.some((line) => line.includes('\n'))).toBe(false);
    expect(drawn.stderr.endsWith(rewrite)).toBe(true);
  });

  it('writes a backup to an exact .nvbak file name', async () => {
    const db = join(dir, 'notes.db');
    createNotesDatabase(db, 4, 100);
    const target = join(dir, 'my-backup.nvbak');
    // Made with the real Argon2id settings: the one slow case in this file.
    const run = await cli(['backup', '--db', db, '--out', target, '--passkey-stdin'], {
      stdin: 'a passkey\n',
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /^Backed up 4 notes from .* to .*my-backup\.nvbak \(.*\); the backup was read back and verified\.\n$/,
    );
    // Refused before the passkey is even read: there is none to read here.
    const again = await cli(['backup', '--db', db, '--out', target]);
    expect(again.exitCode).toBe(5);
    expectOneErrorLine(again.stderr, /already exists and NoteVault never replaces a backup/);
  });

  it('lists the backup commands in the program help and explains the passkey in theirs', async () => {
    const help = await cli(['--help']);
    for (const name of ['backup', 'restore', 'verify <file>', 'inspect <file>'])
      expect(help.stdout).toContain(name);
    const backupHelp = await cli(['backup', '--help']);
    expect(backupHelp.stdout).toMatch(
      /^Usage: notevault backup --db <path> --out <folder-or-file> \[--passkey-stdin\]/,
    );
    expect(backupHelp.stdout).toMatch(/NOTEVAULT_PASSKEY/);
    expect(backupHelp.stdout).toMatch(/asked\s+twice/);
  });
});

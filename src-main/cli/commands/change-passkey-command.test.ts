/**
 * notevault change-passkey through runCli and the real job worker, on real v2 backups. The new
 * passkey gets MODERATE costs, as every new backup's: one Argon2id run of about a second here.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import { buildJobWorker } from '../../../test/main/backup/worker/worker-test-support';
import { jsonOf, runBackupCli } from '../../../test/main/cli/commands/backup-test-support';
import { startOtherOwner } from '../../../test/main/db/other-owner';
import {
  NEW_PASSKEY,
  OLD_PASSKEY,
  OTHER_PASSKEY,
  keepKeys,
  makeV2Folder,
  passkeyWayIn,
  whichPasskeyOpens,
} from '../../../test/main/backup/rekey-test-support';

let worker: BuiltWorker;
beforeAll(async () => {
  worker = await buildJobWorker();
}, 60_000);
afterAll(() => worker.remove());

let root = '';
let db = '';
let backups = '';
let temp = '';
let files: string[] = [];
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'nv-cli-change-passkey-'));
  db = join(root, 'data', 'notes.db');
  backups = join(root, 'backups');
  temp = join(root, 'temp');
  for (const dir of [join(root, 'data'), backups, temp]) mkdirSync(dir);
  writeFileSync(db, '');
  const oldWay = await passkeyWayIn(OLD_PASSKEY);
  files = await makeV2Folder(backups, 4, oldWay);
  await keepKeys(join(root, 'data'), oldWay);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const cli = (argv: readonly string[], options: Parameters<typeof runBackupCli>[3] = {}) =>
  runBackupCli(['change-passkey', '--db', db, '--backups', backups, ...argv], worker, temp, options);

describe('notevault change-passkey', () => {
  it('takes the current passkey from stdin and the new one from the environment, and changes every backup', async () => {
    const run = await cli(['--old-passkey-stdin', '--json'], {
      stdin: `${OLD_PASSKEY}\n`,
      env: { NOTEVAULT_NEW_PASSKEY: NEW_PASSKEY },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(jsonOf(run)).toMatchObject({
      ok: true,
      changed: 4,
      alreadyNew: 0,
      notChanged: [],
      derivations: 2,
    });
    for (const file of files)
      expect(await whichPasskeyOpens(file, [OLD_PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
  }, 60_000);

  it('says in its report and its help that copies elsewhere still open with the old passkey', async () => {
    const run = await cli([], {
      env: { NOTEVAULT_PASSKEY: OLD_PASSKEY, NOTEVAULT_NEW_PASSKEY: NEW_PASSKEY },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/4 backups in your backup folder now open with the new passkey/);
    expect(run.stdout).toMatch(/anywhere else .* still open with the old passkey only/);
    const help = await runBackupCli(['change-passkey', '--help'], worker, temp);
    expect(help.stdout).toMatch(/--old-passkey-stdin/);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/still open with the old passkey only/);
  }, 60_000);

  it('refuses two passkeys on standard input, a passkey argument and a wrong current passkey, changing nothing', async () => {
    const before = files.map((f) => readFileSync(f));
    const both = await cli(['--old-passkey-stdin', '--new-passkey-stdin'], {
      stdin: `${OLD_PASSKEY}\n${NEW_PASSKEY}\n`,
    });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/standard input carries one passkey/);
    const argument = await cli(['--new-passkey', NEW_PASSKEY]);
    expect(argument.exitCode).toBe(2);
    expect(argument.stderr).toMatch(/process list/);
    const wrong = await cli([], {
      env: { NOTEVAULT_PASSKEY: OTHER_PASSKEY, NOTEVAULT_NEW_PASSKEY: NEW_PASSKEY },
    });
    expect(wrong.exitCode).toBe(3);
    expect(wrong.stderr).toMatch(/not your current passkey/);
    expect(files.map((f) => readFileSync(f))).toEqual(before);
  }, 60_000);

  it('is refused while the app has the database open, before any passkey is read', async () => {
    const before = files.map((f) => readFileSync(f));
    const app = await startOtherOwner(db, 'app');
    try {
      const run = await cli([], {
        env: { NOTEVAULT_PASSKEY: OLD_PASSKEY, NOTEVAULT_NEW_PASSKEY: NEW_PASSKEY },
      });
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toMatch(/app/i);
    } finally {
      await app.kill();
    }
    expect(files.map((f) => readFileSync(f))).toEqual(before);
  }, 60_000);
});

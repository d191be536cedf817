/**
 * Backups whose key derivation costs more than NoteVault's own, through runCli and the real
 * job worker: the cost is stated (or refused) before any passkey is read or key derived.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MEMLIMIT_CAP, OPSLIMIT_CAP } from '../../backup/format/format-constants';
import { encodeHeader } from '../../backup/format/header';
import { deriveKey } from '../../backup/format/kdf';
import type { KdfParams } from '../../backup/format/kdf';
import { cheapKdfParams } from '../../../test/main/backup/format/test-support';
import { runBackupJob } from '../../backup/worker/run-backup-job';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import {
  buildJobWorker,
  countNotes,
  createNotesDatabase,
} from '../../../test/main/backup/worker/worker-test-support';
import { jsonOf, runBackupCli } from '../../../test/main/cli/commands/backup-test-support';

const PASSKEY = 'fixture passkey';
const env = { NOTEVAULT_PASSKEY: PASSKEY };
let worker: BuiltWorker;
let root = '';
let usual = '';
/** A real backup a little over the default memory (320 MiB, one pass): under a second to open. */
let costly = '';
/** Only a header at the format's caps (12 passes over 1 GiB), then noise: deriving would take ~20 s. */
let atCaps = '';

async function makeBackup(name: string, kdf: KdfParams): Promise<string> {
  const db = join(root, `${name}.db`);
  createNotesDatabase(db, 5, 200);
  const made = await runBackupJob(
    {
      kind: 'backup',
      request: {
        databasePath: db,
        destination: join(root, `${name}.nvbak`),
        keySource: { key: await deriveKey(PASSKEY, kdf), kdf },
        kind: 'manual',
        appVersion: '9.9.9-test',
      },
    },
    { workerPath: worker.workerPath },
  );
  return made.file;
}

beforeAll(async () => {
  worker = await buildJobWorker();
  root = await mkdtemp(join(tmpdir(), 'notevault-cli-opening-cost-'));
  usual = await makeBackup('usual', cheapKdfParams());
  costly = await makeBackup('costly', { ...cheapKdfParams(), opslimit: 1, memlimit: 320 * 1024 * 1024 });
  atCaps = join(root, 'caps.nvbak');
  const header = encodeHeader(
    { algorithm: 2, opslimit: OPSLIMIT_CAP, memlimit: MEMLIMIT_CAP, salt: new Uint8Array(16) },
    new Uint8Array(24),
  );
  await writeFile(atCaps, Buffer.concat([header, Buffer.alloc(500, 7)]));
}, 60_000);
afterAll(async () => {
  await worker.remove();
  await rm(root, { recursive: true, force: true });
});

let temp = '';
beforeEach(async () => {
  temp = await mkdtemp(join(root, 'temp-'));
});

const cli = (argv: readonly string[], options: Parameters<typeof runBackupCli>[3] = {}) =>
  runBackupCli(argv, worker, temp, options);

const REFUSAL =
  /^notevault: this backup takes about 19 s and 1024 MiB of memory to open, more than backups NoteVault makes; give --yes to open it anyway \(there is no terminal to ask on\)/;

describe('a backup that costs more to open than usual', () => {
  it('is refused without a terminal and without --yes, before any key is derived', async () => {
    const db = join(temp, 'live.db');
    for (const argv of [
      ['verify', atCaps],
      ['inspect', atCaps],
      ['restore', '--db', db, '--from', atCaps],
    ]) {
      // With a passkey at hand, a derivation would run (~20 s) and end in "wrong passkey" (3).
      const run = await cli([...argv, '--json'], { env });
      expect(run.exitCode, argv[0]).toBe(2);
      expect(run.stderr).toMatch(REFUSAL);
      expect(jsonOf(run)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    }
  });

  it('opens with --yes (or -y), asking nothing', async () => {
    const run = await cli(['verify', costly, '--yes'], { env });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/is a good backup: 5 notes/);
    const db = join(temp, 'restored.db');
    const restored = await cli(['restore', '--db', db, '--from', costly, '-y'], { env });
    expect(restored.exitCode).toBe(0);
    expect(countNotes(db)).toBe(5);
  });

  it('asks a person at the terminal, and does nothing unless they say yes', async () => {
    const question = 'This backup takes about 1 s and 320 MiB of memory to open. Continue? [y/N] ';
    const no = await cli(['verify', costly], { env, isTTY: true, stdin: 'n\n' });
    expect(no.stderr).toContain(question);
    expect(no.stderr).toMatch(/notevault: Did not open the backup; nothing was done\./);
    expect(no.exitCode).toBe(1);
    const enter = await cli(['verify', costly], { env, isTTY: true, stdin: '\n' });
    expect(enter.exitCode).toBe(1);
    const yes = await cli(['inspect', costly], { env, isTTY: true, stdin: 'y\n' });
    expect(yes.stderr).toBe(question);
    expect(yes.exitCode).toBe(0);
    expect(yes.stdout).toMatch(/Notes: +5/);
  });

  it('costs nothing to inspect without a passkey, so inspect shows its header without asking', async () => {
    const run = await cli(['inspect', atCaps]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/12 passes over 1\.0 GB of memory/);
  });
});

describe('a backup with the usual costs', () => {
  it('asks nothing, at a terminal or not', async () => {
    const copy = join(temp, 'usual.nvbak');
    await copyFile(usual, copy);
    const piped = await cli(['verify', copy], { env });
    expect(piped.exitCode).toBe(0);
    expect(piped.stderr).toBe('');
    const tty = await cli(['verify', copy], { env, isTTY: true });
    expect(tty.exitCode).toBe(0);
    expect(tty.stderr).toBe('');
  });

  it('lists --yes in the help of the commands that open a backup', async () => {
    for (const name of ['verify', 'restore', 'inspect']) {
      const help = await cli([name, '--help']);
      expect(help.stdout).toMatch(/-y, --yes\s+open a backup that takes more time and memory\s+than\s+usual/);
    }
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readOwnedPartialName } from '../fsx/partial-names';
import {
  backUpWorkspace,
  CHEAP_COSTS,
  addNotes,
  cheapKey,
  filesIn,
  leftovers,
  liveNotes,
  makeNotesDatabase,
  sha256File,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import type { CheapKey } from '../../test/main/backup/backup-test-support';
import { createBackup } from './create-backup';
import type { CrashScenario } from '../../test/main/backup/crash-test-child';
import { startupSweep } from './startup-sweep';
import { verifyBackup } from './verify-backup';

const SHIM = join(__dirname, '../../test/main/backup/crash-test-child.test-shim.mjs');
const ws = useWorkspace();
// Compiled TypeScript shared by all children of this file (see the shim).
let tsCache = '';
beforeAll(() => {
  tsCache = mkdtempSync(join(tmpdir(), 'nv-crash-ts-'));
});
afterAll(() => {
  rmSync(tsCache, { recursive: true, force: true });
});
let key: CheapKey;
let existing = '';
let existingSha = '';
let saved: ReturnType<typeof liveNotes>;
let current: ReturnType<typeof liveNotes>;

beforeEach(async () => {
  makeNotesDatabase(ws.db, 700, 4000);
  saved = liveNotes(ws.db);
  key = await cheapKey();
  existing = (
    await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: key,
      kind: 'manual',
      appVersion: '0.1.0',
      tempParent: ws.temp,
    })
  ).file;
  existingSha = sha256File(existing);
  addNotes(ws.db, 10, 42);
  current = liveNotes(ws.db);
});

/** Runs the scenario in a child process that kills itself at the chosen point. */
function crash(op: CrashScenario['op'], request: CrashScenario['request'], killAt: CrashScenario['killAt']) {
  const scenario: CrashScenario = {
    op,
    request,
    keyHex: Buffer.from(key.key).toString('hex'),
    kdf: { ...key.kdf, saltHex: Buffer.from(key.kdf.salt).toString('hex') },
    killAt,
  };
  const child = spawn(process.execPath, [SHIM], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NOTEVAULT_TS_CACHE: tsCache },
  });
  let output = '';
  child.stdout.on('data', (part: Buffer) => (output += part.toString()));
  child.stderr.on('data', (part: Buffer) => (output += part.toString()));
  child.stdin.end(JSON.stringify(scenario));
  return new Promise<{ signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('exit', (_code, signal) => resolve({ signal, output })),
  );
}

async function sweepAndCheck(backupFolders: string[]): Promise<void> {
  const report = await startupSweep({ databaseFolder: ws.dbDir, backupFolders, tempParent: ws.temp });
  expect(report.failures).toEqual([]);
  expect(leftovers(ws.temp, ws.dbDir, ...backupFolders)).toEqual([]);
  expect(filesIn(ws.temp)).toEqual([]);
  expect(sha256File(existing)).toBe(existingSha);
  for (const folder of backupFolders) {
    for (const name of filesIn(folder)) {
      const check = await verifyBackup({ file: join(folder, name), keySource: key, tempParent: ws.temp });
      expect(check.noteCount).toBeGreaterThan(0);
    }
  }
}

describe('a backup killed at each step', () => {
  const points: [CrashScenario['killAt'], number | undefined][] = [
    [{ phase: 'snapshot', when: 'end' }, 0],
    [{ phase: 'encrypting', when: 'midway' }, 0],
    [{ phase: 'encrypting', when: 'midway' }, undefined],
    [{ phase: 'verifying', when: 'midway' }, 0],
    [{ phase: 'finishing', when: 'start' }, 0],
    [{ phase: 'finishing', when: 'end' }, 0],
  ];
  for (const [killAt, inMemoryLimit] of points) {
    const label = `${killAt.when} of ${killAt.phase} (${inMemoryLimit === 0 ? 'file' : 'memory'})`;
    it(`at the ${label} leaves the database intact and nothing the sweep cannot clear`, async () => {
      const result = await crash(
        'backup',
        {
          databasePath: ws.db,
          destination: ws.backups,
          kind: 'scheduled',
          appVersion: '0.1.0',
          tempParent: ws.temp,
          inMemoryLimit,
        },
        killAt,
      );
      expect(result).toEqual({ signal: 'SIGKILL', output: '' });
      const remains = leftovers(ws.temp, ws.backups);
      // A crash with plaintext or a partial on disk is what the sweep is for. By the time
      // 'finishing' starts the snapshot's wipe (begun during the read-back) may be complete
      // and the partial published, so nothing need remain then.
      if (killAt.phase !== 'finishing') expect(remains.length).toBeGreaterThan(0);
      await sweepAndCheck([ws.backups]);
      expect(liveNotes(ws.db)).toEqual(current);
      const published = readdirSync(ws.backups).length;
      expect(published).toBe(killAt.phase === 'finishing' && killAt.when === 'end' ? 2 : 1);
    });
  }
});

describe('a backup killed midway, then the next backup', () => {
  it("finds the dead run's partial and plaintext by their owner and removes them at its own start", async () => {
    const result = await crash(
      'backup',
      {
        databasePath: ws.db,
        destination: ws.backups,
        kind: 'scheduled',
        appVersion: '0.1.0',
        tempParent: ws.temp,
        inMemoryLimit: 0,
      },
      { phase: 'encrypting', when: 'midway' },
    );
    expect(result).toEqual({ signal: 'SIGKILL', output: '' });
    const [partial, ...others] = leftovers(ws.backups);
    expect(others).toEqual([]);
    const named = readOwnedPartialName(basename(partial ?? ''));
    expect(named?.owner?.pid).toBeGreaterThan(0);
    expect(named?.owner?.pid).not.toBe(process.pid);
    expect(leftovers(ws.temp)).toHaveLength(1);

    // Minutes after the crash, not an hour: no start-up sweep runs in between.
    const next = await backUpWorkspace(ws, key);

    expect(leftovers(ws.temp, ws.backups)).toEqual([]);
    expect(filesIn(ws.backups)).toEqual([basename(existing), basename(next)].sort());
    expect(sha256File(existing)).toBe(existingSha);
    const check = await verifyBackup({ file: next, keySource: key, tempParent: ws.temp });
    expect(check.noteCount).toBe(current.noteCount);
  });
});

describe('a restore killed at each step', () => {
  const points: [CrashScenario['killAt'], 'old' | 'new'][] = [
    [{ phase: 'decrypting', when: 'midway' }, 'old'],
    [{ phase: 'validating', when: 'start' }, 'old'],
    [{ phase: 'safety-backup', when: 'midway' }, 'old'],
    [{ phase: 'replacing', when: 'midway' }, 'old'],
    [{ phase: 'replacing', when: 'end' }, 'new'],
    [{ phase: 'finishing', when: 'start' }, 'new'],
  ];
  for (const [killAt, expected] of points) {
    it(`at the ${killAt.when} of ${killAt.phase} leaves the ${expected} notes, openable, and no plaintext`, async () => {
      const result = await crash(
        'restore',
        {
          file: existing,
          databasePath: ws.db,
          safetyBackupFolder: ws.safety,
          safetyBackupCosts: CHEAP_COSTS,
          appVersion: '0.1.0',
          tempParent: ws.temp,
          inMemoryLimit: 0,
        },
        killAt,
      );
      expect(result).toEqual({ signal: 'SIGKILL', output: '' });
      // The decrypted copy sits next to the live database until the sweep wipes it.
      expect(leftovers(ws.dbDir).length).toBeGreaterThan(0);
      await sweepAndCheck([ws.backups, ws.safety]);
      expect(liveNotes(ws.db)).toEqual(expected === 'old' ? current : saved);
    });
  }
});

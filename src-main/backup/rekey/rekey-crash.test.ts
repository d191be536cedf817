/**
 * A passkey change killed at any moment, and a header write torn in the middle: after recovery
 * every backup opens with the old passkey or the new one, never neither, and decrypts fully.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSystem } from '../../fsx/fs-seam';
import { nodeFileSystem } from '../../fsx/fs-seam';
import { readBackupKeys } from '../keys/backup-keys-file';
import { passkeyPublicKey } from '../keys/passkey-keys';
import { deriveKey } from '../format/kdf';
import { fsError } from '../../../test/main/fsx/test-faults';
import {
  CHEAP_COSTS,
  NEW_PASSKEY,
  OLD_PASSKEY,
  countingDerive,
  decryptsFully,
  keepKeys,
  makeV2Folder,
  passkeyWayIn,
  whichPasskeyOpens,
} from '../../../test/main/backup/rekey-test-support';
import { changePasskey } from './change-passkey';
import type { ChangePasskeyRequest } from './change-passkey';
import { recoverRekeyJournals } from './finish-journal';
import { journalPathFor } from './rekey-journal';
import { startupSweep } from '../startup-sweep';

const SHIM = join(__dirname, '../../../test/main/backup/crash-test-child.test-shim.mjs');
let root = '';
let tsCache = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-rekey-crash-'));
  tsCache = mkdtempSync(join(tmpdir(), 'nv-rekey-crash-ts-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(tsCache, { recursive: true, force: true });
});

/** Starts the change in a child; kills it `killAfterMs` after it said "go" (never, if undefined). */
function runChild(request: ChangePasskeyRequest, killAfterMs: number | undefined) {
  const child = spawn(process.execPath, [SHIM], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NOTEVAULT_TS_CACHE: tsCache, NOTEVAULT_CHILD_ENTRY: 'rekey-crash-child.ts' },
  });
  let output = '';
  let wentAt = 0;
  child.stdout.on('data', (part: Buffer) => {
    output += part.toString();
    if (wentAt === 0 && output.startsWith('go\n')) {
      wentAt = performance.now();
      if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
  });
  child.stderr.on('data', (part: Buffer) => (output += part.toString()));
  child.stdin.end(JSON.stringify(request));
  return new Promise<{ signal: NodeJS.Signals | null; output: string; ms: number }>((resolve) =>
    child.on('exit', (_code, signal) => resolve({ signal, output, ms: performance.now() - wentAt })),
  );
}

/** Which of the two passkeys backup-keys.json names now. */
async function keptPasskey(keysFolder: string): Promise<string> {
  const kept = (await readBackupKeys(keysFolder)).passkey!;
  for (const passkey of [OLD_PASSKEY, NEW_PASSKEY]) {
    const publicKey = await passkeyPublicKey(await deriveKey(passkey, kept.kdf));
    if (Buffer.from(publicKey).equals(Buffer.from(kept.publicKey))) return passkey;
  }
  throw new Error('backup-keys.json names neither passkey');
}

describe('a passkey change killed at random moments', () => {
  it('leaves every one of 50 backups opening with the old or the new passkey after recovery', async () => {
    const folder = join(root, 'backups');
    const keysFolder = join(root, 'data');
    mkdirSync(folder);
    mkdirSync(keysFolder);
    const oldWay = await passkeyWayIn(OLD_PASSKEY);
    const files = await makeV2Folder(folder, 50, oldWay);
    await keepKeys(keysFolder, oldWay);
    const request = async (): Promise<ChangePasskeyRequest> => {
      const current = await keptPasskey(keysFolder);
      return {
        keysFolder,
        backupFolders: [folder],
        oldPasskey: current,
        newPasskey: current === OLD_PASSKEY ? NEW_PASSKEY : OLD_PASSKEY,
        newKdfCosts: CHEAP_COSTS,
      };
    };
    // One run to the end, to learn how long the file work takes here.
    const full = await runChild(await request(), undefined);
    expect(full.signal).toBeNull();
    expect(JSON.parse(full.output.split('\n')[1] ?? '')).toMatchObject({ changed: 50 });

    let killedMidway = 0;
    for (let trial = 0; trial < 8; trial++) {
      const result = await runChild(await request(), Math.random() * full.ms);
      if (result.signal === 'SIGKILL') killedMidway += 1;
      // What the app or the CLI does at its next start (or the next change does first).
      const sweep = await startupSweep({
        databaseFolder: keysFolder,
        backupFolders: [folder],
        tempParent: keysFolder,
      });
      expect(sweep.failures).toEqual([]);
      expect(readdirSync(folder).filter((n) => !n.endsWith('.nvbak'))).toEqual([]);
      for (const file of files) {
        const opens = await whichPasskeyOpens(file, [OLD_PASSKEY, NEW_PASSKEY]);
        expect([OLD_PASSKEY, NEW_PASSKEY], `${file} after trial ${trial}`).toContain(opens);
        expect(await decryptsFully(file, { kind: 'passkey', passkey: opens })).toBe(3000);
      }
    }
    expect(killedMidway).toBeGreaterThan(0);
  }, 180_000);
});

/** A file system on which writes of a header to `victim` tear: half written, then EIO, `times` times. */
function tearingFs(victim: string, times: number): FileSystem {
  let torn = 0;
  return {
    ...nodeFileSystem,
    open: async (path, flags, mode) => {
      const handle = await nodeFileSystem.open(path, flags, mode);
      if (path !== victim) return handle;
      return new Proxy(handle, {
        get(target, property) {
          if (property === 'write') {
            return async (bytes: Uint8Array, offset: number, length: number, position: number) => {
              if (position !== 0 || length <= 36 || torn >= times)
                return target.write(bytes, offset, length, position);
              torn += 1;
              await target.write(bytes, offset, Math.floor(length / 2), 0);
              throw fsError('EIO', 'write', path);
            };
          }
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
}

describe('a header write torn in the middle', () => {
  it('is finished at once when writing the journal header again succeeds', async () => {
    const folder = join(root, 'torn-once');
    const keysFolder = join(root, 'torn-once-data');
    mkdirSync(folder);
    mkdirSync(keysFolder);
    const oldWay = await passkeyWayIn(OLD_PASSKEY);
    const [victim] = await makeV2Folder(folder, 1, oldWay);
    await keepKeys(keysFolder, oldWay);
    const report = await changePasskey(
      {
        keysFolder,
        backupFolders: [folder],
        oldPasskey: OLD_PASSKEY,
        newPasskey: NEW_PASSKEY,
        newKdfCosts: CHEAP_COSTS,
      },
      { fileLayer: { fs: tearingFs(victim!, 1) } },
      countingDerive(),
    );
    expect(report).toMatchObject({ changed: 1, notChanged: [] });
    expect(await decryptsFully(victim!, { kind: 'passkey', passkey: NEW_PASSKEY })).toBe(3000);
    expect(readdirSync(folder)).toEqual([victim!.slice(folder.length + 1)]);
  });

  it('is repaired from the journal by the next recovery', async () => {
    const folder = join(root, 'torn');
    const keysFolder = join(root, 'torn-data');
    mkdirSync(folder);
    mkdirSync(keysFolder);
    const oldWay = await passkeyWayIn(OLD_PASSKEY);
    const [victim] = await makeV2Folder(folder, 1, oldWay);
    await keepKeys(keysFolder, oldWay);
    // The disk takes half of the header write, then fails (and keeps failing, so the change's
    // own immediate repair fails too): as a crash in the middle of the write would leave it.
    const tearing = tearingFs(victim!, Infinity);
    const report = await changePasskey(
      {
        keysFolder,
        backupFolders: [folder],
        oldPasskey: OLD_PASSKEY,
        newPasskey: NEW_PASSKEY,
        newKdfCosts: CHEAP_COSTS,
      },
      { fileLayer: { fs: tearing } },
      countingDerive(),
    );
    expect(report.notChanged).toMatchObject([
      {
        file: victim,
        reason: 'io',
        message: expect.stringMatching(/finished the next time NoteVault starts/) as unknown,
      },
    ]);
    expect(readFileSync(journalPathFor(victim!)).length).toBeGreaterThan(0);
    // Torn: neither passkey opens it until the journal is written again.
    expect([OLD_PASSKEY, NEW_PASSKEY]).not.toContain(
      await whichPasskeyOpens(victim!, [OLD_PASSKEY, NEW_PASSKEY]),
    );

    expect(await recoverRekeyJournals([folder])).toMatchObject({ finished: [journalPathFor(victim!)] });
    expect(await whichPasskeyOpens(victim!, [OLD_PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
    expect(await decryptsFully(victim!, { kind: 'passkey', passkey: NEW_PASSKEY })).toBe(3000);
    expect(readdirSync(folder)).toEqual([victim!.slice(folder.length + 1)]);
  });
});

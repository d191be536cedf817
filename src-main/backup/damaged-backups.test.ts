import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CHEAP_COSTS,
  PASSKEY,
  cheapKey,
  fileState,
  filesIn,
  leftovers,
  makeNotesDatabase,
  useWorkspace,
  v1BackupOfWorkspace,
} from '../../test/main/backup/backup-test-support';
import type { CheapKey } from '../../test/main/backup/backup-test-support';
import { DAMAGE_CASES } from '../../test/main/backup/damage-cases';
import { expectFailure } from '../../test/main/backup/format/test-support';
import { restoreBackup } from './restore-backup';
import { verifyBackup } from './verify-backup';

const ws = useWorkspace();
let key: CheapKey;
let good = '';
let badDir = '';

beforeEach(async () => {
  makeNotesDatabase(ws.db, 30, 3000);
  key = await cheapKey();
  // The damage rules of format version 1 (docs/backup-format.md section 8), on a v1 file: those
  // files keep opening. Version 2's are the stream's own tests.
  good = await v1BackupOfWorkspace(ws, key, 4096);
  badDir = join(ws.root, 'offered');
  mkdirSync(badDir);
});

function expectNoPlaintext(): void {
  expect(leftovers(ws.temp, ws.dbDir, ws.backups, badDir)).toEqual([]);
  expect(filesIn(ws.temp)).toEqual([]);
}

for (const [path, inMemoryLimit] of [
  ['in memory', undefined],
  ['through a temp file', 0],
] as const) {
  describe(`a backup with a problem, checked ${path}`, () => {
    for (const damage of DAMAGE_CASES) {
      it(`${damage.name}: verify refuses it with ${damage.code}`, async () => {
        const file = await damage.make(good, badDir, key);
        await expectFailure(
          verifyBackup({
            file,
            keySource: { passkey: damage.passkey ?? PASSKEY },
            tempParent: ws.temp,
            inMemoryLimit,
          }),
          damage.code,
          damage.message,
        );
        expectNoPlaintext();
      });

      it(`${damage.name}: restore refuses it with ${damage.code} before changing anything`, async () => {
        const file = await damage.make(good, badDir, key);
        const before = fileState(ws.db);
        let released = 0;
        await expectFailure(
          restoreBackup(
            {
              file,
              databasePath: ws.db,
              keySource: { passkey: damage.passkey ?? PASSKEY },
              safetyKeySource: { passkey: PASSKEY },
              safetyBackupFolder: ws.safety,
              safetyBackupCosts: CHEAP_COSTS,
              appVersion: '0.1.0',
              tempParent: ws.temp,
              inMemoryLimit,
            },
            { releaseLiveDatabase: () => Promise.resolve(void released++) },
          ),
          damage.code,
          damage.message,
        );
        expect(fileState(ws.db)).toEqual(before);
        expect(released).toBe(0);
        expect(existsSync(ws.safety)).toBe(false);
        expectNoPlaintext();
      });
    }
  });
}

describe('the good sample', () => {
  it('passes verification, so each case above fails only because of its damage', async () => {
    const result = await verifyBackup({ file: good, keySource: { passkey: PASSKEY }, tempParent: ws.temp });
    expect(result.noteCount).toBe(30);
    expectNoPlaintext();
  });
});

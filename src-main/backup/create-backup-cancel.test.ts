import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cheapKey,
  fileState,
  filesIn,
  leftovers,
  makeNotesDatabase,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { createBackup } from './create-backup';
import type { CreateBackupRequest } from './create-backup';
import { expectFailure } from '../../test/main/backup/format/test-support';
import type { BackupPhase, JobProgress } from './progress';

const ws = useWorkspace();

async function request(overrides: Partial<CreateBackupRequest> = {}): Promise<CreateBackupRequest> {
  return {
    databasePath: ws.db,
    destination: ws.backups,
    keySource: await cheapKey(),
    kind: 'manual',
    appVersion: '0.1.0',
    tempParent: ws.temp,
    ...overrides,
  };
}

function noLeftovers(): void {
  expect(leftovers(ws.temp, ws.dbDir, ws.backups)).toEqual([]);
}

describe('createBackup', () => {
  describe('cancelled', () => {
    const phases: BackupPhase[] = ['checking-space', 'snapshot', 'encrypting', 'verifying', 'finishing'];
    for (const phase of phases) {
      for (const inMemoryLimit of [undefined, 0]) {
        it(`in phase ${phase} (${inMemoryLimit === 0 ? 'file' : 'memory'}) leaves no backup and no plaintext`, async () => {
          makeNotesDatabase(ws.db, 30, 3000);
          const state = fileState(ws.db);
          const abort = new AbortController();
          const seen: JobProgress[] = [];
          await expectFailure(
            createBackup(await request({ inMemoryLimit, chunkSize: 4096 }), {
              signal: abort.signal,
              onProgress: (p) => {
                seen.push(p);
                if (p.phase === phase) abort.abort();
              },
            }),
            'CANCELLED',
          );
          expect(seen.some((p) => p.phase === phase)).toBe(true);
          expect(fileState(ws.db)).toEqual(state);
          expect(readdirSync(ws.backups)).toEqual([]);
          expect(filesIn(ws.temp)).toEqual([]);
          noLeftovers();
        });
      }
    }

    it('before Argon2id starts when cancelled as the key is about to be derived', async () => {
      makeNotesDatabase(ws.db, 1);
      const abort = new AbortController();
      const started = performance.now();
      await expectFailure(
        createBackup(await request({ keySource: { passkey: 'a passkey' } }), {
          signal: abort.signal,
          onProgress: (p) => p.phase === 'deriving-key' && abort.abort(),
        }),
        'CANCELLED',
      );
      // MODERATE Argon2id takes seconds here; cancelling first skips it.
      expect(performance.now() - started).toBeLessThan(1500);
      noLeftovers();
    });
  });
});

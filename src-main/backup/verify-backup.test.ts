import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import {
  PASSKEY,
  cheapKey,
  filesIn,
  leftovers,
  makeNotesDatabase,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { createBackup } from './create-backup';
import { expectFailure } from '../../test/main/backup/format/test-support';
import type { JobProgress } from './progress';
import { verifyBackup } from './verify-backup';

const ws = useWorkspace();

async function sampleBackup(notes = 25) {
  makeNotesDatabase(ws.db, notes, 3000);
  const key = await cheapKey();
  const made = await createBackup({
    databasePath: ws.db,
    destination: ws.backups,
    keySource: key,
    kind: 'scheduled',
    appVersion: '0.1.0',
    tempParent: ws.temp,
  });
  return { key, made };
}

describe('verifyBackup', () => {
  for (const [path, inMemoryLimit] of [
    ['in memory', undefined],
    ['through a wiped temp file', 0],
  ] as const) {
    it(`checks a whole backup ${path} and reports what it holds`, async () => {
      const { made } = await sampleBackup();
      const before = readFileSync(made.file);
      const progress: JobProgress[] = [];
      const result = await verifyBackup(
        { file: made.file, keySource: { passkey: PASSKEY }, tempParent: ws.temp, inMemoryLimit },
        { onProgress: (p) => progress.push(p) },
      );
      expect(result).toEqual({ file: made.file, metadata: made.metadata, noteCount: 25 });
      expect([...new Set(progress.map((p) => p.phase))]).toEqual([
        'deriving-key',
        'decrypting',
        'validating',
      ]);
      const decrypting = progress.filter((p) => p.phase === 'decrypting').at(-1);
      expect(decrypting).toEqual({ phase: 'decrypting', bytesDone: made.size, bytesTotal: made.size });
      expect(readFileSync(made.file).equals(before)).toBe(true);
      expect(filesIn(ws.temp)).toEqual([]);
      expect(leftovers(ws.temp, ws.backups)).toEqual([]);
    });
  }

  it('accepts the key and salt it was written with, and refuses a key made for another backup', async () => {
    const { key, made } = await sampleBackup(2);
    expect((await verifyBackup({ file: made.file, keySource: key, tempParent: ws.temp })).noteCount).toBe(2);
    const other = await cheapKey();
    await expectFailure(
      verifyBackup({ file: made.file, keySource: other, tempParent: ws.temp }),
      'KEY_MISMATCH',
      /derived for a different backup/,
    );
  });

  it('refuses an empty passkey and a missing file clearly', async () => {
    const { made } = await sampleBackup(1);
    await expectFailure(
      verifyBackup({ file: made.file, keySource: { passkey: '' } }),
      'VALIDATION',
      /passkey is empty/,
    );
    await expectFailure(
      verifyBackup({ file: `${made.file}.gone`, keySource: { passkey: PASSKEY } }),
      'IO',
      /does not exist/,
    );
  });

  it('can be cancelled while decrypting, leaving no plaintext', async () => {
    const { made } = await sampleBackup(300);
    const abort = new AbortController();
    const error = await verifyBackup(
      { file: made.file, keySource: { passkey: PASSKEY }, tempParent: ws.temp, inMemoryLimit: 0 },
      { signal: abort.signal, onProgress: (p) => p.phase === 'decrypting' && abort.abort() },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteVaultError);
    expect((error as NoteVaultError).code).toBe('CANCELLED');
    expect(filesIn(ws.temp)).toEqual([]);
  });
});

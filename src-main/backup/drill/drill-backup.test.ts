import { describe, expect, it } from 'vitest';
import {
  PASSKEY,
  cheapKey,
  filesIn,
  leftovers,
  makeNotesDatabase,
  sha256File,
  useWorkspace,
} from '../../../test/main/backup/backup-test-support';
import { createBackup } from '../create-backup';
import { drillBackup } from './drill-backup';

const ws = useWorkspace();

async function backUp(notes = 25, kind: 'manual' | 'scheduled' = 'scheduled') {
  makeNotesDatabase(ws.db, notes, 3000);
  const made = await createBackup({
    databasePath: ws.db,
    destination: ws.backups,
    keySource: await cheapKey(),
    kind,
    appVersion: '0.1.0',
    tempParent: ws.temp,
  });
  return made;
}

describe('drillBackup', () => {
  for (const [path, inMemoryLimit] of [
    ['in memory', undefined],
    ['through wiped temp files', 0],
  ] as const) {
    it(`restores a good backup ${path} into a sandbox and reports its notes and time`, async () => {
      const made = await backUp();
      const result = await drillBackup({
        file: made.file,
        expected: { size: made.size, fileSha256: made.fileSha256, createdAt: made.metadata.createdAt },
        keySource: { passkey: PASSKEY },
        tempParent: ws.temp,
        inMemoryLimit,
      });
      expect(result).toMatchObject({
        ok: true,
        noteCount: 25,
        attachmentCount: 0,
        createdAt: made.metadata.createdAt,
        manifestChecked: true,
        size: made.size,
        fileSha256: sha256File(made.file),
      });
      expect(result.seconds).toBeGreaterThan(0);
      expect(filesIn(ws.temp)).toEqual([]);
      expect(leftovers(ws.temp, ws.backups)).toEqual([]);
    });
  }
});

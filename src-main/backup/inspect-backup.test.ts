import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PASSKEY,
  cheapKey,
  makeNotesDatabase,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { createBackup } from './create-backup';
import { expectFailure } from '../../test/main/backup/format/test-support';
import { inspectBackup } from './inspect-backup';

const ws = useWorkspace();

describe('inspectBackup', () => {
  it('shows the header without a passkey and the metadata with one', async () => {
    makeNotesDatabase(ws.db, 4);
    const key = await cheapKey();
    const made = await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: key,
      kind: 'manual',
      appVersion: '0.1.0',
    });
    const header = {
      formatVersion: 1,
      kdf: { algorithm: 2, opslimit: key.kdf.opslimit, memlimit: key.kdf.memlimit },
      size: statSync(made.file).size,
    };
    expect(await inspectBackup(made.file)).toEqual({ header });
    expect(await inspectBackup(made.file, { passkey: PASSKEY })).toEqual({ header, metadata: made.metadata });
    await expectFailure(inspectBackup(made.file, { passkey: 'wrong' }), 'WRONG_PASSKEY');
    await expectFailure(inspectBackup(ws.db), 'NOT_A_BACKUP');
  });
});

import { statSync } from 'node:fs';
import { join } from 'node:path';
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
import { keyIdOf, publicKeyOf, recoverySecretKey } from './format/v2/way-in-keys';

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
    const kdf = { algorithm: 2, opslimit: key.kdf.opslimit, memlimit: key.kdf.memlimit };
    const header = {
      formatVersion: 2,
      kdf,
      slots: [
        {
          kind: 'passkey',
          kindByte: 1,
          keyId: Buffer.from(await keyIdOf(made.passkeyPublicKey)).toString('hex'),
          kdf,
        },
      ],
      size: statSync(made.file).size,
    };
    expect(await inspectBackup(made.file)).toEqual({ header });
    expect(await inspectBackup(made.file, { passkey: PASSKEY })).toEqual({ header, metadata: made.metadata });
    await expectFailure(inspectBackup(made.file, { passkey: 'wrong' }), 'WRONG_PASSKEY');
    await expectFailure(inspectBackup(ws.db), 'NOT_A_BACKUP');
  });

  it('names every way in of a v2 file without a secret, and opens with the recovery code (no Argon2id)', async () => {
    makeNotesDatabase(ws.db, 2);
    const code = crypto.getRandomValues(new Uint8Array(20));
    const recoveryPublic = await publicKeyOf(await recoverySecretKey(code));
    const devicePublic = await publicKeyOf(crypto.getRandomValues(new Uint8Array(32)));
    const made = await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: await cheapKey(),
      alsoOpenWith: { recoveryCode: recoveryPublic, device: devicePublic },
      kind: 'scheduled',
      appVersion: '0.1.0',
      tempParent: ws.temp,
    });
    const { header } = await inspectBackup(made.file);
    expect(header.slots?.map((slot) => [slot.kind, slot.kindByte, slot.kdf === undefined])).toEqual([
      ['passkey', 1, false],
      ['recovery-code', 2, true],
      ['device', 3, true],
    ]);
    expect(header.slots?.[1]?.keyId).toBe(Buffer.from(await keyIdOf(recoveryPublic)).toString('hex'));
    expect(JSON.stringify(header)).not.toContain(Buffer.from(recoveryPublic).toString('hex'));
    const opened = await inspectBackup(made.file, { recoveryCode: code.slice() });
    expect(opened.metadata).toEqual(made.metadata);
    const other = crypto.getRandomValues(new Uint8Array(20));
    await expectFailure(inspectBackup(made.file, { recoveryCode: other }), 'WRONG_RECOVERY_CODE');
  });

  it('shows a v1 file (made by the previous main) as format 1 with its passkey only', async () => {
    const file = join(__dirname, '..', '..', 'test', 'fixtures', 'previous-main', 'notes-schema-2.nvbak');
    const inspected = await inspectBackup(file, { passkey: 'previous main fixture' });
    expect(inspected.header).toMatchObject({ formatVersion: 1, slots: null, kdf: { algorithm: 2 } });
    expect(inspected.metadata?.noteCount).toBe(3);
    await expectFailure(
      inspectBackup(file, { recoveryCode: new Uint8Array(20) }),
      'WRONG_RECOVERY_CODE',
      /made before recovery codes existed/,
    );
  });
});

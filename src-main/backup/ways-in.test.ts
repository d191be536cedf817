/**
 * Every way into a v2 backup through the pipeline itself (real files, real libsodium, cheap
 * Argon2id): a scheduled backup (passkey, recovery code and device slots, made from public keys
 * alone) is verified, previewed and restored with each secret, and a wrong one of each kind is
 * refused before anything changes.
 */
import { describe, expect, it } from 'vitest';
import {
  CHEAP_COSTS,
  PASSKEY,
  cheapKey,
  fileState,
  liveNotes,
  makeNotesDatabase,
  useWorkspace,
  workspaceRestoreRequest,
} from '../../test/main/backup/backup-test-support';
import { expectFailure } from '../../test/main/backup/format/test-support';
import { createBackup } from './create-backup';
import { publicKeyOf, recoverySecretKey } from './format/v2/way-in-keys';
import type { KeySource } from './passkey-or-key';
import { previewRestore } from './preview-restore';
import { restoreBackup } from './restore-backup';
import { verifyBackup } from './verify-backup';
import { passkeyPublic } from './write-keys';

const ws = useWorkspace();

/** A scheduled backup as the runner makes it: no secret at hand, public keys only. */
async function scheduledBackup() {
  makeNotesDatabase(ws.db, 7);
  const code = crypto.getRandomValues(new Uint8Array(20));
  const deviceKey = crypto.getRandomValues(new Uint8Array(32));
  const passkey = await passkeyPublic(await cheapKey());
  let argon2idRuns = 0;
  const made = await createBackup(
    {
      databasePath: ws.db,
      destination: ws.backups,
      keySource: passkey,
      alsoOpenWith: {
        recoveryCode: await publicKeyOf(await recoverySecretKey(code)),
        device: await publicKeyOf(deviceKey),
      },
      kind: 'scheduled',
      appVersion: '0.1.0',
      tempParent: ws.temp,
    },
    { onProgress: (p) => (argon2idRuns += p.phase === 'deriving-key' && p.bytesDone === 0 ? 1 : 0) },
  );
  expect(argon2idRuns).toBe(0);
  const saved = liveNotes(ws.db);
  return { made, code, deviceKey, saved };
}

describe('the ways into a v2 backup', () => {
  it('verify, preview and restore open a scheduled backup with the passkey, the recovery code or the device key', async () => {
    const { made, code, deviceKey, saved } = await scheduledBackup();
    const ways: [string, () => KeySource][] = [
      ['passkey', () => ({ passkey: PASSKEY })],
      ['recovery code', () => ({ recoveryCode: code.slice() })],
      ['device key', () => ({ deviceKey: deviceKey.slice() })],
    ];
    for (const [, keySource] of ways) {
      const phases = new Set<string>();
      const verified = await verifyBackup(
        { file: made.file, keySource: keySource(), tempParent: ws.temp },
        { onProgress: (p) => phases.add(p.phase) },
      );
      expect(verified.noteCount).toBe(7);
      const preview = await previewRestore({ file: made.file, databasePath: ws.db, keySource: keySource() });
      expect(preview.unchanged).toBe(7);
      // Only the passkey costs an Argon2id run; the passkey slot's KDF still says what it costs.
      expect(phases.has('deriving-key')).toBe('passkey' in keySource());
      expect(preview.cheaperKeyThanDefault).toBe(true);
    }
    for (const [, keySource] of ways) {
      makeNotesDatabase(ws.db, 2, 100, 5);
      const result = await restoreBackup(
        workspaceRestoreRequest(ws, made.file, {
          keySource: keySource(),
          // What the app keeps: the safety backup needs no passkey.
          safetyKeySource: await passkeyPublic(await cheapKey()),
          safetyBackupCosts: CHEAP_COSTS,
        }),
      );
      expect(result.restoredNotes).toBe(7);
      expect(liveNotes(ws.db)).toEqual(saved);
      // The safety backup opens with the passkey, never with this device's key (it is not scheduled).
      const safety = result.safetyBackup ?? '';
      await verifyBackup({ file: safety, keySource: { passkey: PASSKEY }, tempParent: ws.temp });
      await expectFailure(
        verifyBackup({ file: safety, keySource: { deviceKey: deviceKey.slice() }, tempParent: ws.temp }),
        'KEY_MISMATCH',
      );
    }
  }, 60_000);

  it('refuses a wrong secret of each kind with its own code, changing nothing', async () => {
    const { made } = await scheduledBackup();
    makeNotesDatabase(ws.db, 2, 100, 5);
    const before = fileState(ws.db);
    const wrong: [KeySource, 'WRONG_PASSKEY' | 'WRONG_RECOVERY_CODE' | 'KEY_MISMATCH'][] = [
      [{ passkey: 'not the passkey' }, 'WRONG_PASSKEY'],
      [{ recoveryCode: crypto.getRandomValues(new Uint8Array(20)) }, 'WRONG_RECOVERY_CODE'],
      [{ deviceKey: crypto.getRandomValues(new Uint8Array(32)) }, 'KEY_MISMATCH'],
    ];
    for (const [keySource, code] of wrong) {
      await expectFailure(restoreBackup(workspaceRestoreRequest(ws, made.file, { keySource })), code);
      expect(fileState(ws.db)).toEqual(before);
    }
  }, 60_000);
});

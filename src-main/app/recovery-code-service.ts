import { NoteVaultError } from '../../src-shared/errors';
import { readBackupKeys, updateBackupKeys } from '../backup/keys/backup-keys-file';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import { newRecoveryCode } from '../backup/keys/recovery-code-keys';
import type { NewRecoveryCode } from '../backup/keys/recovery-code-keys';
import { keyIdOf } from '../backup/format/v2/way-in-keys';
import { findBackupsWithRecoverySlot } from './backups-with-recovery-slot';
import type { RecoverySlotScan, UncheckedBackup } from './backups-with-recovery-slot';

export type { RecoverySlotScan, UncheckedBackup } from './backups-with-recovery-slot';

type KeptRecoveryCode = NonNullable<BackupKeys['recoveryCode']>;

export interface RecoveryCodeServiceDeps {
  /** The notes database's folder: backup-keys.json lives there. */
  keysFolder: string;
  /** Folders whose backups are checked for the old code's slot (the app: the backup folder, once chosen). */
  backupFolders: () => readonly string[];
  /** Default: the system clock. */
  now?: () => Date;
  /**
   * Told after backup-keys.json changed (the app: the sealed record of scheduled backups follows,
   * unattended-key.ts followBackupKeysChange). Its failure is not the change's: the code is made.
   */
  onKeysChanged?: (before: BackupKeys, after: BackupKeys) => Promise<void>;
}

export interface RecoveryCodeStatus {
  exists: boolean;
  /** ISO date and time the current code was created; null when there is none. */
  createdAt: string | null;
}

/** After a replace or revoke: what the old code still opens, as far as NoteVault can see. */
export interface OldCodeReport {
  /** When the code replaced or revoked was created; null when there was none. */
  previousCreatedAt: string | null;
  /** Full paths of backups in the backup folder(s) that still open with the old code. */
  stillCarryingOld: string[];
  /** Files or folders that could not be checked (locked, damaged header, folder unreadable). */
  unchecked: UncheckedBackup[];
}

export interface CreatedRecoveryCode extends OldCodeReport {
  /** The code as 8 groups of 5 (section 19): returned this once, kept nowhere. Show it, then drop it. */
  code: string;
  createdAt: string;
}

export interface RevokedRecoveryCode extends OldCodeReport {
  /** False when there was no code to revoke (nothing changed). */
  revoked: boolean;
}

/**
 * The recovery code's life: create (or replace), revoke, status. Only the code's public key
 * and creation time are kept (backup-keys.json), so backups made from then on get a
 * recovery-code slot; the code itself is shown once and kept nowhere. Backups made before a
 * replace or revoke keep the old code's slot (a slot cannot be taken out of a file without
 * opening it), so both say which backups in the backup folder(s) the old code still opens.
 */
export class RecoveryCodeService {
  constructor(private readonly deps: RecoveryCodeServiceDeps) {}

  async status(): Promise<RecoveryCodeStatus> {
    const { recoveryCode } = await readBackupKeys(this.deps.keysFolder);
    return { exists: recoveryCode !== null, createdAt: recoveryCode?.createdAt ?? null };
  }

  /**
   * The backups in the backup folder(s) with a slot for the current code (headers only, as a
   * replace or revoke reports them); none when there is no code.
   */
  async currentCodeOpens(): Promise<RecoverySlotScan> {
    const { recoveryCode } = await readBackupKeys(this.deps.keysFolder);
    if (recoveryCode === null) return { carrying: [], unchecked: [] };
    return findBackupsWithRecoverySlot(this.deps.backupFolders(), await keyIdOf(recoveryCode.publicKey));
  }

  /** A new code, replacing the current one if there is one. */
  async create(): Promise<CreatedRecoveryCode> {
    const createdAt = (this.deps.now?.() ?? new Date()).toISOString();
    // Filled in by the update (an object, since a closure's assignments to a local are not
    // seen by the type checker's narrowing).
    const made: { before?: BackupKeys; code?: NewRecoveryCode } = {};
    // Written before anything is shown: a code shown but not saved would open nothing. The
    // update is queued per folder with every other change of backup-keys.json in this process.
    const after = await updateBackupKeys(this.deps.keysFolder, async (keys) => {
      made.before = keys;
      made.code = await newRecoveryCode();
      return { ...keys, recoveryCode: { publicKey: made.code.publicKey, createdAt } };
    });
    if (made.code === undefined || made.before === undefined)
      throw new NoteVaultError('INTERNAL', 'The new recovery code was not made.');
    await this.keysChanged(made.before, after);
    const old = made.before.recoveryCode;
    return { code: made.code.text, createdAt, ...(await this.oldCodeReport(old)) };
  }

  /** New backups stop getting a recovery-code slot; the passkey entry is left as it is. */
  async revoke(): Promise<RevokedRecoveryCode> {
    const found: { before?: BackupKeys } = {};
    const after = await updateBackupKeys(this.deps.keysFolder, (keys) => {
      found.before = keys;
      // The same object back: nothing is written when there is no code.
      return keys.recoveryCode === null ? keys : { ...keys, recoveryCode: null };
    });
    const old = found.before?.recoveryCode ?? null;
    if (old !== null) await this.keysChanged(found.before!, after);
    return { revoked: old !== null, ...(await this.oldCodeReport(old)) };
  }

  /**
   * backup-keys.json is already written, so this never throws: a sealed record that could not
   * follow shows up as a scheduled run refused with a sentence saying what to do.
   */
  private async keysChanged(before: BackupKeys, after: BackupKeys): Promise<void> {
    await this.deps.onKeysChanged?.(before, after).catch(() => undefined);
  }

  /**
   * Runs after backup-keys.json was written, so it never throws for a folder or file: the new
   * code must reach the person whatever the scan meets.
   */
  private async oldCodeReport(old: KeptRecoveryCode | null): Promise<OldCodeReport> {
    if (old === null) return { previousCreatedAt: null, stillCarryingOld: [], unchecked: [] };
    // findBackupsWithRecoverySlot reports every file and folder it cannot read instead of throwing.
    const scan = await findBackupsWithRecoverySlot(this.deps.backupFolders(), await keyIdOf(old.publicKey));
    return { previousCreatedAt: old.createdAt, stillCarryingOld: scan.carrying, unchecked: scan.unchecked };
  }
}

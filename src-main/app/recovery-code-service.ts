import { readBackupKeys, writeBackupKeys } from '../backup/keys/backup-keys-file';
import { newRecoveryCode } from '../backup/keys/recovery-code-keys';
import { keyIdOf } from '../backup/format/v2/way-in-keys';
import { findBackupsWithRecoverySlot } from './backups-with-recovery-slot';
import type { RecoverySlotScan, UncheckedBackup } from './backups-with-recovery-slot';

export type { RecoverySlotScan, UncheckedBackup } from './backups-with-recovery-slot';

export interface RecoveryCodeServiceDeps {
  /** The notes database's folder: backup-keys.json lives there. */
  keysFolder: string;
  /** Folders whose backups are checked for the old code's slot (the app: the backup folder, once chosen). */
  backupFolders: () => readonly string[];
  /** Default: the system clock. */
  now?: () => Date;
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
  /** `XXXXX-XXXXX-...`: returned this once, kept nowhere. Show it, then drop it. */
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
  /** create and revoke one at a time: each reads, changes and writes backup-keys.json. */
  private queue: Promise<unknown> = Promise.resolve();

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
  create(): Promise<CreatedRecoveryCode> {
    return this.oneAtATime(async () => {
      const keys = await readBackupKeys(this.deps.keysFolder);
      const code = await newRecoveryCode();
      const createdAt = (this.deps.now?.() ?? new Date()).toISOString();
      // Written before anything is shown: a code shown but not saved would open nothing.
      await writeBackupKeys(this.deps.keysFolder, {
        ...keys,
        recoveryCode: { publicKey: code.publicKey, createdAt },
      });
      return { code: code.text, createdAt, ...(await this.oldCodeReport(keys.recoveryCode)) };
    });
  }

  /** New backups stop getting a recovery-code slot; the passkey entry is left as it is. */
  revoke(): Promise<RevokedRecoveryCode> {
    return this.oneAtATime(async () => {
      const keys = await readBackupKeys(this.deps.keysFolder);
      if (keys.recoveryCode === null) return { revoked: false, ...(await this.oldCodeReport(null)) };
      await writeBackupKeys(this.deps.keysFolder, { ...keys, recoveryCode: null });
      return { revoked: true, ...(await this.oldCodeReport(keys.recoveryCode)) };
    });
  }

  /**
   * Runs after backup-keys.json was written, so it never throws for a folder or file: the new
   * code must reach the person whatever the scan meets.
   */
  private async oldCodeReport(
    old: { publicKey: Uint8Array; createdAt: string } | null,
  ): Promise<OldCodeReport> {
    if (old === null) return { previousCreatedAt: null, stillCarryingOld: [], unchecked: [] };
    // findBackupsWithRecoverySlot reports every file and folder it cannot read instead of throwing.
    const scan = await findBackupsWithRecoverySlot(this.deps.backupFolders(), await keyIdOf(old.publicKey));
    return { previousCreatedAt: old.createdAt, stillCarryingOld: scan.carrying, unchecked: scan.unchecked };
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

import { rm } from 'node:fs/promises';
import { NoteVaultError } from '../../src-shared/errors';
import type {
  BackupCopyView,
  BackupDrillView,
  BackupList,
  BackupListEntry,
} from '../../src-shared/ipc/contract-schedule';
import { PRIMARY_DESTINATION_ID, backupDestinations } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import type { BackupCatalogue, DrillRecord } from '../settings/backup-catalogue';
import { retentionVerification } from '../schedule/retention-verification';
import type { RetentionVerification } from '../schedule/apply-retention';
import { forgetKeySource } from '../backup/passkey-or-key';
import type { KeySource } from '../backup/passkey-or-key';
import type { SealedKeyStore } from '../keystore/sealed-key-store';
import { loadUnattendedKeys } from '../keystore/unattended-key';
import { keySourceFromWayIn } from './way-in-source';
import type { WayInText } from './way-in-source';
import type { BackupStateStore } from '../settings/backup-state-store';
import { listBackupFiles, requireBackupFolder, resolveBackupFile } from './backup-folder';
import type { BackupFileInfo } from './backup-folder';
import type { Dialogs } from './dialogs';
import { explainBackupError } from './explain-backup-error';
import type { JobGate } from './job-gate';

export interface BackupsListServiceDeps {
  settings: { get(): Readonly<Settings> };
  state: BackupStateStore;
  keyStore: SealedKeyStore;
  /** The notes database's folder, where backup-keys.json lives (the device key's companion). */
  keysFolder: string;
  jobs: JobGate;
  dialogs: Pick<Dialogs, 'showInFolder' | 'confirm'>;
  tempParent?: string;
  nativeBinding?: string;
  /** Each backup's last restore drill and its copies in the other destinations, when given. */
  catalogue?: Pick<BackupCatalogue, 'get' | 'entries' | 'forget'>;
}

interface CheckResult {
  ok: boolean;
  noteCount: number | null;
  problem: string | null;
}

/**
 * The backups view's operations on the configured backup folder. Backups are named by file
 * name; each request resolves and checks the name again, so the renderer can never point at
 * a file elsewhere. Verification results of this session are kept in memory; successful runs
 * recorded in backup-state.json count as verified (a backup is checked before it is published).
 */
export class BackupsListService {
  private readonly checks = new Map<string, CheckResult>();

  constructor(private readonly deps: BackupsListServiceDeps) {}

  async list(): Promise<BackupList> {
    const folder = this.deps.settings.get().backupFolder;
    if (folder === null) return { folder, backups: [] };
    const files = await listBackupFiles(folder);
    const rule = this.verificationRule();
    return { folder, backups: files.map((file) => this.entryFor(file, rule)) };
  }

  /**
   * Checks a backup completely, with the passkey or the recovery code given, or else this
   * device's key (which opens the scheduled backups made here).
   */
  async verify(name: string, passkey?: string, recoveryCode?: string): Promise<BackupListEntry> {
    const path = await this.resolve(name);
    const keySource = await this.keySource({ passkey, recoveryCode }, 'check this backup');
    try {
      const result = await this.deps.jobs.run({
        kind: 'verify',
        request: {
          file: path,
          keySource,
          tempParent: this.deps.tempParent,
          nativeBinding: this.deps.nativeBinding,
        },
      });
      this.checks.set(path, { ok: true, noteCount: result.noteCount, problem: null });
    } catch (error) {
      // A wrong passkey says nothing about the file; only real damage marks it failed.
      if (
        error instanceof NoteVaultError &&
        ['BACKUP_DAMAGED', 'NOT_A_BACKUP', 'BACKUP_UNSUPPORTED', 'DB_CORRUPT'].includes(error.code)
      ) {
        this.checks.set(path, { ok: false, noteCount: null, problem: error.message });
      }
      throw explainBackupError('verify', error);
    } finally {
      forgetKeySource(keySource);
    }
    const files = await listBackupFiles(requireBackupFolder(this.deps.settings.get().backupFolder));
    const file = files.find((f) => f.path === path);
    if (!file)
      throw new NoteVaultError('NOT_FOUND', `The backup "${name}" disappeared while it was checked.`);
    return this.entryFor(file, this.verificationRule());
  }

  /** Deletes backup `name` once the person confirmed it in main's own dialog; nothing otherwise. */
  async delete(name: string): Promise<void> {
    const path = await this.resolve(name);
    const confirmed = await this.deps.dialogs.confirm({
      message: 'Delete this backup?',
      detail: `"${name}" will be deleted from the backup folder. This cannot be undone.`,
      confirmLabel: 'Delete',
    });
    if (!confirmed) return;
    try {
      await rm(path);
    } catch (error) {
      throw new NoteVaultError(
        'IO',
        `NoteVault could not delete "${path}": ${(error as Error).message}. Close any program using it and try again.`,
        { cause: error },
      );
    }
    this.checks.delete(path);
    // Its record there goes too: the next drill must not look for it, nor report it gone.
    await this.deps.catalogue?.forget(name, PRIMARY_DESTINATION_ID);
  }

  async showInFolder(name: string): Promise<void> {
    this.deps.dialogs.showInFolder(await this.resolve(name));
  }

  /** The full path of backup `name` in the configured folder, checked. */
  resolve(name: string): Promise<string> {
    return resolveBackupFile(requireBackupFolder(this.deps.settings.get().backupFolder), name);
  }

  /**
   * The passkey or recovery code typed (a mistyped code refused here), or else this device's
   * key, saved while scheduled backups are on; `what` finishes "Enter your passkey to ...". The
   * caller wipes the bytes after the job (forgetKeySource).
   */
  async keySource(wayIn: WayInText, what: string): Promise<KeySource> {
    const typed = keySourceFromWayIn(wayIn);
    if (typed !== undefined) return typed;
    const saved = await loadUnattendedKeys(this.deps.keyStore, this.deps.keysFolder);
    if (saved === null)
      throw new NoteVaultError('VALIDATION', `Enter your passkey or recovery code to ${what}.`);
    return { deviceKey: saved.deviceSecretKey };
  }

  /** Retention's own rule for the backup folder (retention-verification.ts), read once per answer. */
  private verificationRule(): RetentionVerification {
    return retentionVerification(PRIMARY_DESTINATION_ID, {
      verifiedFiles: this.deps.state.verifiedFiles(),
      catalogue: this.deps.catalogue?.entries() ?? [],
    });
  }

  /**
   * A backup reads as retention treats it: bad there (a failed restore test, a failed copy) is
   * 'failed' even after a check in this session passed, since a check does not restore and
   * compare as a drill does; a check in this session adds what retention cannot know: its own
   * failure, or a pass for a backup nothing else verified.
   */
  private entryFor(file: BackupFileInfo, rule: RetentionVerification): BackupListEntry {
    const check = this.checks.get(file.path);
    const run = this.deps.state.get().recentSuccesses.find((r) => r.file === file.path);
    const bad = rule.failedDrill.has(file.name);
    const verification =
      check?.ok === false || bad
        ? 'failed'
        : check?.ok === true || rule.verified.has(file.name)
          ? 'verified'
          : 'unverified';
    const entry: BackupListEntry = {
      name: file.name,
      createdAt: file.createdAt,
      sizeBytes: file.sizeBytes,
      kind: file.kind,
      verification,
      noteCount: check?.noteCount ?? run?.noteCount ?? null,
      problem: check?.problem ?? (bad ? this.whyBad(file.name) : null),
    };
    return this.deps.catalogue ? { ...entry, ...this.catalogueFacts(file.name) } : entry;
  }

  /** The sentence behind retention's "bad" in the backup folder: its failed drill, else its copy's. */
  private whyBad(name: string): string | null {
    const copy = this.deps.catalogue?.get(name)?.copies[PRIMARY_DESTINATION_ID];
    if (copy?.lastDrill?.ok === false) return copy.lastDrill.message;
    return copy?.message ?? null;
  }

  /**
   * The catalogue's word on this backup: the last drill of the file in the backup folder, and its
   * copies in the other destinations (only those with a record: a destination added later holds
   * no copy of older backups, and saying so on every row would be noise).
   */
  private catalogueFacts(name: string): Pick<BackupListEntry, 'lastDrill' | 'copies'> {
    const recorded = this.deps.catalogue?.get(name);
    if (recorded === undefined) return { lastDrill: null, copies: [] };
    const primary = recorded.copies[PRIMARY_DESTINATION_ID];
    const copies: BackupCopyView[] = [];
    for (const destination of backupDestinations(this.deps.settings.get()).slice(1)) {
      const copy = recorded.copies[destination.id];
      if (copy === undefined) continue;
      copies.push({
        destinationId: destination.id,
        folder: destination.folder,
        state: copy.state,
        at: copy.at,
        ...(copy.message === undefined ? {} : { message: copy.message }),
        ...(copy.details === undefined ? {} : { details: copy.details }),
        ...(copy.lastDrill === undefined ? {} : { lastDrill: drillView(copy.lastDrill) }),
      });
    }
    return { lastDrill: primary?.lastDrill ? drillView(primary.lastDrill) : null, copies };
  }
}

function drillView(drill: DrillRecord): BackupDrillView {
  const view: BackupDrillView = {
    at: drill.at,
    ok: drill.ok,
    noteCount: drill.noteCount,
    message: drill.message,
  };
  return drill.details === undefined ? view : { ...view, details: drill.details };
}

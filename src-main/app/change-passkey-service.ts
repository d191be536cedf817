/**
 * The window's "Change passkey" (Settings -> Backups), for the IPC handler: checks the new
 * passkey as every new backup's passkey is checked, then runs the passkey change
 * (src-main/backup/rekey/change-passkey.ts) as a job in the job worker, where Argon2id and the
 * file work never block the main thread. Progress is forwarded; `cancel()` stops it between two
 * files (never in the middle of a header write).
 */
import { basename, dirname, resolve } from 'node:path';
import type { ChangePasskeyReport } from '../../src-shared/change-passkey-text';
import { describePasskeyChange } from '../../src-shared/change-passkey-text';
import { NoteVaultError } from '../../src-shared/errors';
import { PRIMARY_DESTINATION_ID } from '../../src-shared/settings';
import { readBackupKeys } from '../backup/keys/backup-keys-file';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import type { JobProgress } from '../backup/progress';
import type { RewrittenBackup } from '../backup/rekey/change-passkey';
import type { BackupCatalogue } from '../settings/backup-catalogue';
import type { JobGate } from './job-gate';
import { assertNewPasskeyStrongEnough } from './passkey-check';

export type { ChangePasskeyReport } from '../../src-shared/change-passkey-text';

export interface ChangePasskeyServiceDeps {
  /** The notes database's folder: backup-keys.json lives there. */
  keysFolder: string;
  /** Folders whose backups get the new passkey (the app: the chosen backup folder, if any). */
  backupFolders: () => readonly string[];
  /**
   * The app: the other folders NoteVault itself writes backups into (its extra destinations and the
   * staging folder), changed too; the unreachable ones are reported as not changed.
   */
  otherFolders?: () => Promise<OtherBackupFolders>;
  /** The app's one door to the job worker. */
  jobs: Pick<JobGate, 'run'>;
  /**
   * Told after the change, with backup-keys.json as it was before and is now (the app: the sealed
   * record of scheduled backups follows, unattended-key.ts followBackupKeysChange). The job runs
   * in the worker, which cannot reach the keychain, so this happens here. Its failure is not the
   * change's.
   */
  onKeysChanged?: (before: BackupKeys, after: BackupKeys) => Promise<void>;
  /**
   * The app: the backup catalogue. Each copy it knows that the change rewrote is recorded with its
   * new size and hash, so a settle re-check, a catch-up or a drill compares it with the bytes it has
   * now rather than finding it changed.
   */
  catalogue?: Pick<BackupCatalogue, 'get' | 'recordRewritten'>;
}

export interface OtherBackupFolders {
  reachable: readonly string[];
  /** Extra destinations that could not be reached: listed as not changed, `file` being the folder. */
  unreachable: readonly { folder: string; details: string }[];
  /** How many of `reachable` are extra destinations (the staging folder is not one). */
  destinations: number;
  /** The destination id of each reachable extra destination's folder (the catalogue's key for its copies). */
  destinationIds?: Readonly<Record<string, string>>;
  /** The staging folder among `reachable`: a backup there is the one its backup folder's copy is made from. */
  stagingFolder?: string;
}

export interface ChangePasskeyInput {
  /** The passkey the backups open with now. */
  currentPasskey: string;
  /** Checked with the same strength rule as a new backup's passkey. */
  newPasskey: string;
}

export interface ChangePasskeyResult {
  report: ChangePasskeyReport;
  /** The sentences to show, the last one always about copies kept elsewhere (old passkey only). */
  summary: string[];
}

export class ChangePasskeyService {
  private running: AbortController | undefined;

  constructor(private readonly deps: ChangePasskeyServiceDeps) {}

  /**
   * Changes the passkey of every backup in the backup folder(s), then NoteVault's record of it.
   * Throws VALIDATION (empty, weak or unchanged new passkey), WRONG_PASSKEY (the current passkey
   * is not NoteVault's), BUSY, CANCELLED; files that could not be changed are in the report.
   */
  async change(
    input: ChangePasskeyInput,
    onProgress?: (progress: JobProgress) => void,
  ): Promise<ChangePasskeyResult> {
    const { currentPasskey, newPasskey } = input;
    if (currentPasskey.length === 0) {
      throw new NoteVaultError('VALIDATION', 'Type your current passkey.');
    }
    if (newPasskey === currentPasskey) {
      throw new NoteVaultError(
        'VALIDATION',
        'The new passkey is the same as the current one. Choose a new passkey.',
      );
    }
    await assertNewPasskeyStrongEnough(newPasskey);
    if (this.running !== undefined) {
      throw new NoteVaultError('BUSY', 'The passkey is already being changed. Wait for it to finish.');
    }
    const abort = new AbortController();
    this.running = abort;
    try {
      const before = await readBackupKeys(this.deps.keysFolder);
      const others = (await this.deps.otherFolders?.()) ?? {
        reachable: [],
        unreachable: [],
        destinations: 0,
      };
      const changed = await this.deps.jobs.run(
        {
          kind: 'change-passkey',
          request: {
            keysFolder: this.deps.keysFolder,
            backupFolders: [...this.deps.backupFolders(), ...others.reachable],
            oldPasskey: currentPasskey,
            newPasskey,
          },
        },
        { signal: abort.signal, ...(onProgress === undefined ? {} : { onProgress }) },
      );
      const { rewritten, ...fromJob } = changed;
      await this.recordRewritten(rewritten, others).catch(() => undefined);
      const report: ChangePasskeyReport = {
        ...fromJob,
        notChanged: [
          ...fromJob.notChanged,
          ...others.unreachable.map(({ folder, details }) => ({
            file: folder,
            reason: 'unreachable' as const,
            message: `${folder} could not be reached, so its backups kept the old passkey (${details}).`,
          })),
        ],
        ...(others.destinations > 0 ? { otherDestinations: others.destinations } : {}),
      };
      // backup-keys.json is written by then; a record that could not follow shows up as a
      // scheduled run refused with a sentence saying what to do.
      await this.deps
        .onKeysChanged?.(before, await readBackupKeys(this.deps.keysFolder))
        .catch(() => undefined);
      return { report, summary: describePasskeyChange(report) };
    } finally {
      this.running = undefined;
    }
  }

  /**
   * The catalogue's expectation of each copy the change rewrote (and read back) follows its new
   * bytes, per destination: the backup folder's are 'primary', an extra destination's its id. A
   * staged backup is what the backup folder's copy is still to be made from while that copy is not
   * verified (backup-destinations.ts sourceOf), so then it is recorded as 'primary' (last: the
   * copy a catch-up will make has its bytes). A backup the catalogue does not know is left alone.
   */
  private async recordRewritten(
    rewritten: readonly RewrittenBackup[],
    others: OtherBackupFolders,
  ): Promise<void> {
    const { catalogue } = this.deps;
    if (catalogue === undefined) return;
    const ids = new Map<string, string>();
    for (const [folder, id] of Object.entries(others.destinationIds ?? {})) ids.set(resolve(folder), id);
    for (const folder of this.deps.backupFolders()) ids.set(resolve(folder), PRIMARY_DESTINATION_ID);
    const staging = others.stagingFolder === undefined ? undefined : resolve(others.stagingFolder);
    const staged: RewrittenBackup[] = [];
    for (const file of rewritten) {
      const folder = dirname(resolve(file.file));
      if (folder === staging) staged.push(file);
      const id = ids.get(folder);
      if (id !== undefined) await catalogue.recordRewritten(basename(file.file), id, file);
    }
    for (const file of staged) {
      const name = basename(file.file);
      if (catalogue.get(name)?.copies[PRIMARY_DESTINATION_ID]?.state === 'verified') continue;
      await catalogue.recordRewritten(name, PRIMARY_DESTINATION_ID, file);
    }
  }

  /** Asks a running change to stop after the file it is on; false when none runs. */
  cancel(): boolean {
    if (this.running === undefined) return false;
    this.running.abort();
    return true;
  }
}

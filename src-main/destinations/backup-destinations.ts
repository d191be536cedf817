/**
 * Every place a backup is kept (docs/backup-pipeline.md, "Destinations and cloud-sync folders"):
 * the backup folder ('primary') and up to two more folders from Settings. A backup is written and
 * verified once, then copied into each other destination and its copy's whole-file SHA-256
 * checked against the catalogue's; each destination's state goes into the backup catalogue.
 *
 * - A cloud-synced backup folder is never written in place: the engine writes into a private
 *   local staging folder, and the backup is copied in as one finished file (copy-into-folder.ts).
 *   The staged file stays until the backup folder holds a verified copy, so a failed copy-in is
 *   caught up from it; then it and every older staged backup go (catch-up would never copy those).
 * - An unreachable destination is skipped with a warning ('missing'), never a failed backup;
 *   `catchUp` (at the start of every run and on request) copies the newest backup each reachable
 *   destination lacks. Only the newest: older ones would be thinned by that destination's own
 *   retention soon anyway, and one current copy is what a second destination is for.
 * - Retention runs per destination with that destination's own policy, deleting only
 *   NoteVault-named files; what it deletes is forgotten in the catalogue for that destination.
 * - All of it runs one operation at a time: a catch-up and a run's copies never write the same
 *   partial file at once.
 */
import { basename, join } from 'node:path';
import { backupDestinations, PRIMARY_DESTINATION_ID } from '../../src-shared/settings';
import type { BackupDestination, Settings } from '../../src-shared/settings';
import type { DestinationStatusView } from '../../src-shared/ipc/contract-destinations';
import type { BackupKind } from '../backup/format/metadata';
import { copyExpectation } from '../settings/backup-catalogue';
import type { BackupCatalogue, CatalogueEntry, CopyRecord } from '../settings/backup-catalogue';
import type { CloudSyncKind } from '../fsx/cloud-sync-folder';
import { COPY_SETTLE_DELAY_MS, recheckCopy } from '../fsx/copy-into-folder';
import { ensurePrivateTempRoot } from '../fsx/private-temp-root';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists } from '../fsx/retry';
import { copyToDestination } from './copy-to-destination';
import type { CopyBackupInto } from './copy-to-destination';
import { applyDestinationRetention } from './destination-retention';
import { destinationStatus } from './destination-status';
import { dropStagedUpTo } from './staging-cleanup';

/** A backup the engine has written and read back. */
export interface WrittenBackup {
  /** Where the engine wrote it: the backup folder, or the staging folder (`staged`). */
  file: string;
  staged: boolean;
  size: number;
  fileSha256: string;
  kind: BackupKind;
  /** ISO 8601, from its metadata. */
  createdAt: string;
  noteCount: number;
  openWithDevice: boolean;
}

export interface DestinationOutcome {
  id: string;
  folder: string;
  copy: CopyRecord;
}

export interface BackupDestinationsDeps {
  settings: { get(): Readonly<Settings> };
  catalogue: BackupCatalogue;
  copyBackupInto: CopyBackupInto;
  /** The cloud-sync client whose folder `folder` is (H4's detectCloudSyncFolder), or null. */
  cloudSyncOf: (folder: string) => Promise<CloudSyncKind | null>;
  /** Private local folder (userData/backup-staging) the engine writes into for a cloud-synced backup folder. */
  stagingFolder: string;
  /** Backups the run history knows verified (backup-state.json), for retention's safety rule. */
  verifiedFiles?: () => Iterable<string>;
  fileLayer?: FileLayerOptions;
  now: () => number;
  log: (message: string) => void;
  /** After anything changed what a destination holds. */
  onDidChange?: () => void;
  /** Runs `work` after `ms` (the settle re-check of a copy in a cloud-sync folder). Default an unref'd timer. */
  later?: (work: () => Promise<void>, ms: number) => void;
}

/** How far back settleDue looks for a copy whose settle re-check is still owed. */
export const SETTLE_BACKLOG_MS = 7 * 24 * 60 * 60 * 1000;

/** How long an answer of cloudSyncOf is trusted for a folder. */
export const CLOUD_SYNC_RECHECK_MS = 10 * 60 * 1000;

const unrefTimer = (work: () => Promise<void>, ms: number): void => {
  setTimeout(() => void work(), ms).unref();
};

export class BackupDestinations {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly cloudKinds = new Map<string, { kind: CloudSyncKind | null; at: number }>();

  constructor(private readonly deps: BackupDestinationsDeps) {}

  /** Where the engine writes the next backup: the backup folder, or staging when that folder is cloud-synced. */
  async writeTarget(backupFolder: string): Promise<{ folder: string; staged: boolean }> {
    if ((await this.cloudSync(backupFolder)) === null) return { folder: backupFolder, staged: false };
    const folder = await ensurePrivateTempRoot(this.deps.stagingFolder, this.deps.fileLayer);
    return { folder, staged: true };
  }

  /**
   * Records the written backup, copies it into the backup folder (when staged) and every other
   * destination, and returns each destination's copy, the backup folder first.
   */
  distribute(written: WrittenBackup): Promise<DestinationOutcome[]> {
    return this.exclusive(async () => {
      const { catalogue } = this.deps;
      const name = basename(written.file);
      const [primary, ...extras] = this.destinations();
      if (primary === undefined) return [];
      const { file, staged, ...fields } = written;
      const outcomes: DestinationOutcome[] = [];
      const primaryCopy = staged ? await this.copy(file, primary, name, written.fileSha256) : null;
      await catalogue.recordWritten({ name, ...fields }, PRIMARY_DESTINATION_ID);
      if (primaryCopy !== null && primaryCopy.state !== 'verified') {
        await catalogue.recordCopy(name, PRIMARY_DESTINATION_ID, primaryCopy);
      }
      outcomes.push({
        id: primary.id,
        folder: primary.folder,
        copy: primaryCopy ?? { state: 'verified', at: this.now() },
      });
      for (const extra of extras) {
        const copy = await this.copy(file, extra, name, written.fileSha256);
        await catalogue.recordCopy(name, extra.id, copy);
        outcomes.push({ id: extra.id, folder: extra.folder, copy });
      }
      if (staged && primaryCopy?.state === 'verified') await this.dropStaged(name);
      this.deps.onDidChange?.();
      return outcomes;
    });
  }

  /**
   * Each reachable destination gets the newest catalogued backup it lacks, copied from wherever a
   * verified copy (or the staged file) is. Resolves with the number of verified copies made.
   */
  async catchUp(): Promise<number> {
    // A settle re-check owed since an earlier run may turn a 'verified' copy 'failed' first.
    await this.settleDue();
    return this.exclusive(async () => {
      const newest = this.deps.catalogue.entries()[0];
      if (newest === undefined) return 0;
      let copied = 0;
      for (const destination of this.destinations()) {
        if (newest.copies[destination.id]?.state === 'verified') continue;
        const source = await this.sourceOf(newest);
        if (source === null) {
          this.log(`No copy of "${newest.name}" could be found to catch up "${destination.folder}".`);
          return copied;
        }
        const copy = await this.copy(source.file, destination, newest.name, source.expected.fileSha256);
        // A destination still away keeps its earlier record rather than a new 'missing' each time.
        if (copy.state === 'missing' && newest.copies[destination.id] !== undefined) continue;
        // Copied from a copy a passkey change rewrote: this copy has those bytes too.
        const own = source.expected.fileSha256 === newest.fileSha256 ? {} : source.expected;
        await this.deps.catalogue.recordCopy(
          newest.name,
          destination.id,
          copy.state === 'verified' ? { ...copy, ...own } : copy,
        );
        if (copy.state === 'verified') {
          copied += 1;
          if (destination.id === PRIMARY_DESTINATION_ID) await this.dropStaged(newest.name);
        }
      }
      if (copied > 0) this.deps.onDidChange?.();
      return copied;
    });
  }

  /**
   * The settle re-checks still owed: copies verified in a cloud-sync folder at least
   * COPY_SETTLE_DELAY_MS ago and never re-checked. The timer copy() sets is lost when the app quits,
   * and a headless run exits long before it fires, so this runs at start and before each catch-up,
   * from what the catalogue holds. Only copies of the last SETTLE_BACKLOG_MS, so one start never
   * hashes a long history (the drills check older copies). Never rejects; resolves with the count.
   */
  async settleDue(): Promise<number> {
    let checked = 0;
    try {
      for (const destination of this.destinations()) {
        if ((await this.cloudSync(destination.folder)) === null) continue;
        const now = this.now();
        for (const entry of this.deps.catalogue.entries()) {
          const copy = entry.copies[destination.id];
          if (copy?.state !== 'verified' || copy.settledCheckAt !== undefined) continue;
          if (copy.at > now - COPY_SETTLE_DELAY_MS || copy.at < now - SETTLE_BACKLOG_MS) continue;
          await this.settle(destination.id, join(destination.folder, entry.name), entry.name);
          checked += 1;
        }
      }
    } catch (error) {
      this.log(`Could not check copies in cloud-sync folders again: ${String(error)}`);
    }
    return checked;
  }

  /** Retention in every reachable destination, each with its own policy. Problems are logged. */
  applyRetention(): Promise<void> {
    return this.exclusive(async () => {
      let deleted = 0;
      for (const destination of this.destinations()) {
        deleted += await applyDestinationRetention(destination, {
          catalogue: this.deps.catalogue,
          verifiedFiles: this.deps.verifiedFiles?.() ?? [],
          fileLayer: this.deps.fileLayer,
          now: this.now(),
          log: (message) => this.log(message),
        });
      }
      if (deleted > 0) this.deps.onDidChange?.();
    });
  }

  /** Every destination's state now, the backup folder first (destinations:status). */
  async status(): Promise<DestinationStatusView[]> {
    const entries = this.deps.catalogue.entries();
    return Promise.all(
      this.destinations().map(async (destination) =>
        destinationStatus(destination, entries, {
          cloudSync: await this.cloudSync(destination.folder),
          fileLayer: this.deps.fileLayer,
        }),
      ),
    );
  }

  private destinations(): BackupDestination[] {
    return backupDestinations(this.deps.settings.get());
  }

  private async copy(
    source: string,
    destination: BackupDestination,
    name: string,
    expectedSha256: string,
  ): Promise<CopyRecord> {
    // Asked first: in a synced folder the copy is published by rename, not a hard link.
    const synced = (await this.cloudSync(destination.folder)) !== null;
    const copy = await copyToDestination(
      { source, folder: destination.folder, name, expectedSha256, syncedFolder: synced },
      { copyBackupInto: this.deps.copyBackupInto, fileLayer: this.deps.fileLayer, now: () => this.now() },
    );
    if (copy.state !== 'verified') {
      this.log(`${copy.message ?? ''} (${copy.details ?? copy.state})`);
    } else if (synced) {
      // A sync client may still cut, replace or dehydrate the file while it uploads it.
      (this.deps.later ?? unrefTimer)(
        () => this.settle(destination.id, join(destination.folder, name), name),
        COPY_SETTLE_DELAY_MS,
      );
    }
    return copy;
  }

  /**
   * The settle re-check of a copy in a cloud-sync folder: hashed again once the client had time to
   * sync it. A lock or read error leaves the record as it was (the next drill checks the file).
   * Compared with what the catalogue expects of this copy now: a passkey change may have rewritten
   * it since it was copied (copyExpectation).
   */
  private settle(destinationId: string, file: string, name: string): Promise<void> {
    return this.exclusive(async () => {
      const entry = this.deps.catalogue.get(name);
      const recorded = entry?.copies[destinationId];
      // Cleaned up, copied again since, or settled already (settleDue and the timer both ask).
      if (entry === undefined || recorded?.state !== 'verified' || recorded.settledCheckAt !== undefined) {
        return;
      }
      let result;
      try {
        result = await recheckCopy(
          file,
          copyExpectation(entry, destinationId).fileSha256,
          this.deps.fileLayer,
        );
      } catch (error) {
        this.log(`Could not check "${file}" again after syncing: ${String(error)}`);
        return;
      }
      const at = this.now();
      if (result.state === 'verified') {
        await this.deps.catalogue.recordCopy(name, destinationId, { ...recorded, settledCheckAt: at });
        return;
      }
      this.log(`${result.message} (${result.details})`);
      await this.deps.catalogue.recordCopy(name, destinationId, {
        state: result.state,
        at,
        message: result.message,
        details: result.details,
        settledCheckAt: at,
      });
      this.deps.onDidChange?.();
    });
  }

  /**
   * A file to copy `entry` from: the staged file, else a destination holding a verified copy; with
   * the size and hash that file should have (a copy's own after a passkey change, copyExpectation).
   */
  private async sourceOf(
    entry: CatalogueEntry,
  ): Promise<{ file: string; expected: { size: number; fileSha256: string } } | null> {
    const candidates = [
      {
        file: join(this.deps.stagingFolder, entry.name),
        // The backup folder's copy is still to be made from it: a passkey change that rewrote it
        // recorded its bytes there (change-passkey-service.ts).
        expected:
          entry.copies[PRIMARY_DESTINATION_ID]?.state === 'verified'
            ? { size: entry.size, fileSha256: entry.fileSha256 }
            : copyExpectation(entry, PRIMARY_DESTINATION_ID),
      },
      ...this.destinations()
        .filter((destination) => entry.copies[destination.id]?.state === 'verified')
        .map((destination) => ({
          file: join(destination.folder, entry.name),
          expected: copyExpectation(entry, destination.id),
        })),
    ];
    for (const candidate of candidates) {
      try {
        const stats = await lstatIfExists(candidate.file, this.deps.fileLayer);
        // The size is a cheap first check; copyBackupInto compares the whole-file hash.
        if (stats?.isFile() === true && stats.size === candidate.expected.size) return candidate;
      } catch {
        // An unreachable destination is no source; try the next.
      }
    }
    return null;
  }

  /** `name` is in the backup folder, verified: it and every older staged backup go (staging-cleanup.ts). */
  private async dropStaged(name: string): Promise<void> {
    await dropStagedUpTo(this.deps.stagingFolder, name, {
      fileLayer: this.deps.fileLayer,
      log: (message) => this.log(message),
    });
  }

  /**
   * Remembered for CLOUD_SYNC_RECHECK_MS: on Windows the answer may take a PowerShell start, and
   * the status is read every minute by the tray; a folder rarely starts or stops syncing.
   */
  private async cloudSync(folder: string): Promise<CloudSyncKind | null> {
    const known = this.cloudKinds.get(folder);
    if (known !== undefined && this.now() - known.at < CLOUD_SYNC_RECHECK_MS) return known.kind;
    let kind: CloudSyncKind | null;
    try {
      kind = await this.deps.cloudSyncOf(folder);
    } catch (error) {
      this.log(`Could not tell whether "${folder}" is a cloud-sync folder: ${String(error)}`);
      return null;
    }
    this.cloudKinds.set(folder, { kind, at: this.now() });
    return kind;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private now(): number {
    return this.deps.now();
  }

  private log(message: string): void {
    this.deps.log(message);
  }
}

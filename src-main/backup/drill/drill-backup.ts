import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { NoteVaultError } from '../../../src-shared/errors';
import type { ErrorCode } from '../../../src-shared/errors';
import { nodeFileSystem } from '../../fsx/fs-seam';
import { createPrivateTempDir } from '../../fsx/private-temp';
import type { RetryOptions } from '../../fsx/retry';
import { secureWipeDirectory } from '../../fsx/secure-wipe';
import { throwIfCancelled } from '../format/abort';
import { compareManifest, manifestOfInSteps } from '../manifest/backup-manifest';
import type { BackupManifest } from '../manifest/backup-manifest';
import { CancelPace, cancellationPoint } from '../cancel-pace';
import { checkNotesDatabase } from '../notes-database-checks';
import { limitPageCache } from '../page-cache';
import type { KeySource } from '../passkey-or-key';
import type { JobControls } from '../progress';
import { rebuildUserData } from '../rebuild-user-data';
import { withCheckedBackup } from '../with-checked-backup';
import { changedSinceWritten, explainChange, identify, isChangeReport } from './file-changes';
import type { ExpectedFile } from './file-changes';
import { manifestMismatch } from './manifest-mismatch';

export type { ExpectedFile } from './file-changes';

export interface DrillRequest {
  file: string;
  /**
   * What the catalogue recorded when the backup was written and read back. Without it (a file
   * NoteVault did not write) the drill still restores and compares with the manifest, but
   * cannot tell whether the file changed since.
   */
  expected?: ExpectedFile;
  /** As verify and restore take it: a passkey, the recovery code, or this device's key. */
  keySource: KeySource;
  /** Parent of the private sandbox folder if the backup is too large for memory. Default os.tmpdir(). */
  tempParent?: string;
  inMemoryLimit?: number;
  nativeBinding?: string;
}

export interface DrillResult {
  ok: true;
  noteCount: number;
  attachmentCount: number;
  /** When the backup was made, from its metadata (RFC 3339 UTC). */
  createdAt: string;
  /** False for a backup written before manifests (issue #17): everything else was still checked. */
  manifestChecked: boolean;
  /** How long the drill took. */
  seconds: number;
  /** Size and SHA-256 of the whole file as this drill read it (the catalogue may keep them). */
  size: number;
  fileSha256: string;
  /**
   * The file is not byte for byte the one written, yet it is the same backup: every byte still
   * authenticates under its own file key (a v2 header's MAC covers every header byte) and its
   * metadata's creation time is the one recorded. Only its header, its ways in, was rewritten,
   * as a passkey change does in place. `size` and `fileSha256` are then the file's new ones:
   * the catalogue should record them, or every later check of the file would fail.
   */
  headerRewritten: boolean;
}

const ACTION = 'The restore drill';
const CANCELLED = `${ACTION} was cancelled.`;

/** The failures a changed file can cause, so worth comparing the file with what was written. */
const FILE_FAULTS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BACKUP_DAMAGED',
  'NOT_A_BACKUP',
  'BACKUP_UNSUPPORTED',
  'WRONG_PASSKEY',
  'WRONG_RECOVERY_CODE',
  'KEY_MISMATCH',
  'DB_CORRUPT',
  'DB_FOREIGN',
  'DB_NOT_SQLITE',
  'DB_NEWER_SCHEMA',
]);

/**
 * A restore drill: a full restore of `file` into a private sandbox, never near the live
 * database. The file's size and whole-file SHA-256 are compared with what was written (a
 * flipped byte, a cut, another backup under the same name, each said with the file's name;
 * a header rewritten by a passkey change is told apart by authentication, see headerRewritten);
 * the file is decrypted and its database checked as verify does (withCheckedBackup), its rows
 * rebuilt by the restore's own rebuildUserData and migrations into a fresh database, which is
 * checked again and compared with the manifest the backup carries. The file is read once when
 * it is intact: its hash is taken during the decrypting read. Plaintext stays in memory for a
 * small backup, otherwise only in private temp folders wiped before this returns.
 */
export async function drillBackup(request: DrillRequest, controls: JobControls = {}): Promise<DrillResult> {
  const started = performance.now();
  const { file, expected } = request;
  const name = basename(file);
  throwIfCancelled(controls.signal, ACTION);
  const fs = controls.fileLayer?.fs ?? nodeFileSystem;
  const size = await fs.stat(file).then(
    (stats) => stats.size,
    (cause: unknown) => {
      throw new NoteVaultError(
        'IO',
        `The backup "${name}" could not be found or read for its restore drill: make a new backup now.`,
        {
          cause,
          details: `${file}: ${(cause as Error).message}`,
        },
      );
    },
  );
  const tempParent = request.tempParent ?? tmpdir();
  try {
    return await withCheckedBackup(
      // The decrypted database, and the sandbox rebuilt from it.
      { ...request, tempParent, purpose: 'drill', tempCopies: 2, hashFile: true },
      controls,
      ACTION,
      async ({ db, facts, metadata, inMemory, fileSha256 }) => {
        // The integrity check just run took seconds on a large backup without hearing a Cancel.
        await cancellationPoint(controls.signal, CANCELLED);
        if (fileSha256 === undefined) {
          throw new NoteVaultError(
            'INTERNAL',
            'A restore drill read its file without hashing it. This is a bug in NoteVault.',
          );
        }
        const headerRewritten = expected !== undefined && fileSha256 !== expected.fileSha256;
        // It decrypts, so it is another backup made with the same key, or this one with its ways
        // in rewritten (a passkey change): only a v2 header proves the latter, by its MAC.
        if (
          headerRewritten &&
          (metadata.formatVersion !== 2 || identify(file, expected, metadata.createdAt) !== 'same')
        ) {
          throw changedSinceWritten(request, size, fileSha256, metadata.createdAt);
        }
        const restored = await restoreIntoSandbox(db, { inMemory, tempParent, name, request, controls });
        if (metadata.manifest !== undefined) {
          const difference = compareManifest(metadata.manifest, restored.manifest);
          if (difference !== null)
            throw manifestMismatch(file, metadata.manifest, restored.manifest, difference);
        }
        // A drill cancelled by now gives way (JobGate) rather than report a result nobody waits for.
        await cancellationPoint(controls.signal, CANCELLED);
        return {
          ok: true as const,
          noteCount: facts.noteCount,
          attachmentCount: restored.manifest.attachments,
          createdAt: metadata.createdAt,
          manifestChecked: metadata.manifest !== undefined,
          seconds: (performance.now() - started) / 1000,
          size,
          fileSha256,
          headerRewritten,
        };
      },
      () => `The restore drill of the backup "${name}" passed, but`,
    );
  } catch (error) {
    // Damage, a key that no longer opens it, a failed check: if the file is not the one written,
    // that is the news. A full temp drive, a lock or a cancel says nothing about the file.
    if (expected === undefined || isChangeReport(error)) throw error;
    if (!(error instanceof NoteVaultError) || !FILE_FAULTS.has(error.code)) throw error;
    const changed = await explainChange(request, size, error, controls).catch(() => undefined);
    throw changed ?? error;
  }
}

interface SandboxOptions {
  inMemory: boolean;
  tempParent: string;
  name: string;
  request: DrillRequest;
  controls: JobControls;
}

/**
 * What a restore does to the live database, done to a fresh one: NoteVault's migrations make
 * the backup's schema, rebuildUserData copies and proves every user-data table, the later
 * migrations run, then the result is checked (integrity, identity, schema) and described.
 */
async function restoreIntoSandbox(
  source: Database.Database,
  options: SandboxOptions,
): Promise<{ manifest: BackupManifest }> {
  const { controls, request } = options;
  const fs = controls.fileLayer?.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...controls.fileLayer?.retry };
  const layer = { fs, retry };
  const dir = options.inMemory ? undefined : await createPrivateTempDir(options.tempParent, 'drill', layer);
  try {
    const sandbox = new Database(dir === undefined ? ':memory:' : join(dir, 'restored.db'), {
      nativeBinding: request.nativeBinding,
    });
    try {
      sandbox.pragma('temp_store = MEMORY');
      limitPageCache(sandbox);
      sandbox.exec('BEGIN IMMEDIATE');
      await rebuildUserData(source, sandbox, controls, {
        label: `the restore drill's copy of the backup "${options.name}"`,
        // Not 'replacing', which reads "Replacing your notes…" to a person: a drill never does.
        phase: 'validating',
        cancelled: CANCELLED,
      });
      sandbox.exec('COMMIT');
      await cancellationPoint(controls.signal, CANCELLED);
      checkNotesDatabase(sandbox, {
        label: `the restore drill's copy of the backup "${options.name}"`,
        advice: 'Make a new backup now.',
      });
      const pace = new CancelPace(controls.signal, CANCELLED);
      await pace.point();
      return { manifest: await manifestOfInSteps(sandbox, pace) };
    } finally {
      sandbox.close();
    }
  } finally {
    if (dir !== undefined) await secureWipeDirectory(dir, layer);
  }
}

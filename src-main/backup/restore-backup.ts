import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { PRIVATE_DIR_MODE } from '../fsx/private-modes';
import { retryingFs } from '../fsx/retry';
import { runWithCleanup } from './cleanup';
import { createBackup } from './create-backup';
import { openDecryptedBackup } from './decrypt-backup';
import { readMetadata } from './format/decrypt-stream';
import { inspectAnyHeader } from './format/header';
import type { BackupMetadata } from './format/metadata';
import { fitsInMemory } from './limits';
import { findLiveDatabase, openLiveReadOnly } from './live-database';
import type { LiveDatabase } from './live-database';
import type { KeySource } from './passkey-or-key';
import { unlockBackup } from './unlock-backup';
import type { OtherWaysIn, PasskeyForWriting, PasskeyPublic } from './write-keys';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { report } from './progress';
import { assertUserDataFitsSchema } from './rebuild-user-data';
import { backupContents } from './backup-contents';
import type { BackupContents } from '../../src-shared/ipc/contract-backup';
import { LiveDatabaseHold } from './replace-database';
import { keptReplacedNotesBound, measureNotesText } from './replaced-notes';
import { DEFAULT_KDF_COSTS, cheaperThan, safetyBackupPasskey } from './safety-backup-key';
import type { KdfCosts } from './safety-backup-key';
import {
  assertSpaceFor,
  encryptedSizeBound,
  plaintextSizeBound,
  restoredDatabaseGrowthBound,
} from './space-check';
import type { SpaceNeed } from './space-check';

export interface RestoreBackupRequest {
  file: string;
  databasePath: string;
  /** Opens the file being restored: its passkey (or a key derived for it), its recovery code, the device key. */
  keySource: KeySource;
  /**
   * The passkey slot of the before-restore safety backup of the current notes: the public key
   * and settings kept in backup-keys.json (no Argon2id), else the user's own passkey (derived
   * with a fresh salt and `safetyBackupCosts`); null when the user gave none, which is refused
   * once there are notes to protect. Never taken from `keySource`: the file being restored may
   * be someone else's, shared with its passkey, and the user's notes must not end up under it.
   * A caller passes the same passkey only when the user said it is the same (the app's
   * checkbox, the CLI's flag).
   */
  safetyKeySource: PasskeyForWriting | null;
  /** The safety backup's other slots: the recovery code's public key, when one exists. Never the device key. */
  safetyAlsoOpenWith?: Pick<OtherWaysIn, 'recoveryCode'> | undefined;
  /** Where the before-restore safety backup of the current notes goes; created if missing. */
  safetyBackupFolder: string;
  appVersion: string;
  /** Parent of the temp folder for a safety snapshot too large for memory. Default os.tmpdir(). */
  tempParent?: string;
  inMemoryLimit?: number;
  nativeBinding?: string;
  /**
   * Argon2id work factors of the before-restore safety backup; default DEFAULT_KDF_COSTS.
   * Only tests lower them, to keep each restore from costing 256 MiB and seconds.
   */
  safetyBackupCosts?: KdfCosts;
  /**
   * SHA-256 (hex) of the file the person consented to (the app's restore token): the bytes
   * decrypted are hashed as they are read and a different file is refused before anything is
   * written, so a file swapped after main's own check is caught too. The CLI passes none.
   */
  expectedFileSha256?: string | undefined;
}

export interface RestoreControls extends JobControls {
  /**
   * Called once the backup has passed every check and before anything is written: the app
   * closes its connection (checkpointing the WAL). From then on the app must reopen the
   * database when the job ends, whether it succeeded or failed. The CLI passes nothing.
   */
  releaseLiveDatabase?: () => Promise<void>;
}

export interface RestoreBackupResult {
  metadata: BackupMetadata;
  restoredNotes: number;
  /** Tags, attachments and kept versions restored with the notes (backup-contents.ts). */
  restoredAlso: BackupContents;
  /**
   * Restored notes that kept the text the restore replaced as a 'before-restore' version in
   * their history (notes present before and after whose title or body the backup changed).
   */
  keptInHistory: number;
  /** The before-restore backup of the notes that were replaced; null when there were none. */
  safetyBackup: string | null;
  /**
   * Bytes left in the live database's -wal because another program kept reading it; 0 when
   * it was emptied. SQLite empties it once that program lets go.
   */
  logLeftBytes: number;
  /** The restored file's key had less Argon2id work than NoteVault's default (see safety-backup-key.ts). */
  cheaperKeyThanDefault: boolean;
}

/** The first half of every message about a failure after the new notes were committed. */
function replacedNotes(restoredNotes: number, safetyBackup: string | null): string {
  const before = safetyBackup === null ? '' : ` (the notes from before are in ${safetyBackup})`;
  return `Your notes were replaced by the ${restoredNotes} in the backup${before}`;
}

/**
 * Restores a backup over the live database without ever losing data: every check runs
 * before anything changes; the current notes are first saved as an encrypted, verified
 * before-restore backup; then SQLite's backup API replaces the content atomically.
 * See docs/backup-pipeline.md.
 */
export async function restoreBackup(
  request: RestoreBackupRequest,
  controls: RestoreControls = {},
): Promise<RestoreBackupResult> {
  const { file, databasePath } = request;
  throwIfCancelled(controls.signal, 'The restore');
  const header = await inspectAnyHeader(file);
  const resolved = await unlockBackup(file, header, request.keySource, controls);
  // A caller outside TypeScript (a job message, the bench) that names none gives none.
  const safetySource = request.safetyKeySource ?? null;
  // Made when first needed, at most once; public parts only, so nothing secret waits under the lock.
  let safetyKey: PasskeyPublic | undefined;
  const safetyKeyNow = async (): Promise<PasskeyPublic> => {
    if (safetySource === null) throw safetyPasskeyNeeded();
    safetyKey ??= await safetyBackupPasskey(
      safetySource,
      request.safetyBackupCosts ?? DEFAULT_KDF_COSTS,
      controls,
    );
    return safetyKey;
  };
  try {
    return await runWithCleanup(
      async (cleanup) => {
        report(controls, 'checking-space', 0, 1);
        const { metadata } = await readMetadata(file, resolved.key);
        const live = await findLiveDatabase(databasePath, controls.fileLayer ?? {}, request.nativeBinding);
        await assertRestoreSpace(request, metadata.plaintextSize, live, controls);
        report(controls, 'checking-space', 1, 1);
        throwIfCancelled(controls.signal, 'The restore');

        const decrypted = await openDecryptedBackup(
          {
            file,
            key: resolved.key,
            metadata,
            // Next to the live database: same volume, and swept with its folder after a crash.
            tempParent: dirname(databasePath),
            purpose: 'restore',
            expectedFileSha256: request.expectedFileSha256,
            inMemoryLimit: request.inMemoryLimit,
            nativeBinding: request.nativeBinding,
          },
          controls,
          cleanup,
        );
        // Every rule the rebuild will meet, checked before the safety backup: a backup refused
        // later, under the lock, would leave a spare safety backup behind.
        await assertUserDataFitsSchema(decrypted.db, controls, {
          cancelled: 'The restore was cancelled before your notes were replaced.',
          nativeBinding: request.nativeBinding,
        });
        throwIfCancelled(controls.signal, 'The restore');
        // Before the lock, so Argon2id never runs while other programs wait to write. Without
        // notes now, it runs under the lock only if another program saves some meanwhile. With no
        // key given, a database holding notes is refused under the lock, before anything is written.
        if (live !== null && safetySource !== null) await safetyKeyNow();
        throwIfCancelled(controls.signal, 'The restore');

        await controls.releaseLiveDatabase?.();
        // From here until the new notes are committed nobody else can commit to the database,
        // so the safety backup holds exactly the notes the restore replaces.
        await retryingFs(controls.fileLayer?.fs, controls.fileLayer?.retry).mkdir(dirname(databasePath), {
          recursive: true,
          mode: PRIVATE_DIR_MODE,
        });
        const hold = await LiveDatabaseHold.take(databasePath, request.nativeBinding);
        cleanup.add(() => hold.close());
        // Counted under the lock: notes saved by another program since the space check count too.
        const safetyBackup =
          hold.notesBefore === 0 ? null : await makeSafetyBackup(request, await safetyKeyNow(), controls);
        throwIfCancelled(controls.signal, 'The restore');

        const replaced = await hold.replaceWith(decrypted.db, controls);
        const restoredAlso = backupContents(decrypted.db);
        // The new notes are committed: from here on there is nothing to cancel, and any failure
        // must say that they were replaced.
        report(controls, 'finishing', 0, 1);
        const logLeftBytes = hold.emptyLog(replacedNotes(replaced.restoredNotes, safetyBackup));
        report(controls, 'finishing', 1, 1);
        return {
          metadata,
          ...replaced,
          restoredAlso,
          safetyBackup,
          logLeftBytes,
          cheaperKeyThanDefault: resolved.passkeyKdf !== undefined && cheaperThan(resolved.passkeyKdf),
        };
      },
      (result) => `${replacedNotes(result.restoredNotes, result.safetyBackup)}, but`,
    );
  } finally {
    resolved.key.fill(0);
  }
}

/**
 * Everything a restore writes, by folder, at its peak: the decrypted backup (unless it fits in
 * memory), the restored notes in the live database's -wal and then its main file, the replaced
 * notes' text set aside and kept in their history (`replaced`: the live notes measured by
 * replacedNotesText), the safety backup, and the temporary copy of the current notes that the
 * safety backup encrypts.
 */
export function restoreSpaceNeeds(
  request: RestoreBackupRequest,
  plaintextSize: number,
  live: LiveDatabase | null,
  replaced: { count: number; textBytes: number } | null = null,
): SpaceNeed[] {
  const databaseFolder = dirname(request.databasePath);
  const liveSize = live?.bytesOnDisk ?? 0;
  const decryptedInMemory = fitsInMemory(plaintextSize, request.inMemoryLimit);
  const liveInMemory = fitsInMemory(liveSize, request.inMemoryLimit);
  return [
    {
      folder: databaseFolder,
      bytes: decryptedInMemory ? 0 : plaintextSizeBound(plaintextSize),
      what: 'the decrypted backup',
    },
    {
      folder: databaseFolder,
      // The replaced notes set aside and kept in their history go into the -wal with them.
      bytes: restoredDatabaseGrowthBound(
        plaintextSize,
        live?.mainBytes ?? 0,
        replaced === null ? 0 : keptReplacedNotesBound(replaced),
      ),
      what: 'the restored notes',
    },
    {
      folder: request.safetyBackupFolder,
      bytes: liveSize === 0 ? 0 : encryptedSizeBound(liveSize),
      what: 'the safety backup of your current notes',
    },
    {
      folder: request.tempParent ?? tmpdir(),
      bytes: liveSize === 0 || liveInMemory ? 0 : plaintextSizeBound(liveSize),
      what: 'the temporary copy of your current notes',
    },
  ];
}

/** What the restore will write, against each volume's free space (restoreSpaceNeeds). */
async function assertRestoreSpace(
  request: RestoreBackupRequest,
  plaintextSize: number,
  live: LiveDatabase | null,
  controls: JobControls,
): Promise<void> {
  const replaced = live === null ? null : replacedNotesText(request.databasePath, request.nativeBinding);
  await assertSpaceFor(restoreSpaceNeeds(request, plaintextSize, live, replaced), controls.fileLayer);
}

/**
 * Count and text bytes of the live notes, read through a read-only connection (no text is read:
 * octet_length takes the size from each row's header). Notes another program saves between
 * this and the write lock are not counted: the space check's slack covers a few.
 */
export function replacedNotesText(
  path: string,
  nativeBinding?: string,
): { count: number; textBytes: number } {
  const db = openLiveReadOnly(path, nativeBinding);
  try {
    return measureNotesText(db);
  } finally {
    db.close();
  }
}

function safetyPasskeyNeeded(): NoteVaultError {
  return new NoteVaultError(
    'VALIDATION',
    'The restore needs your passkey to protect a copy of your current notes, so nothing was changed. ' +
      'Enter your passkey and try again.',
  );
}

/** Encrypted for the user's own ways in (safetyBackupPasskey), never the restored file's key. */
async function makeSafetyBackup(
  request: RestoreBackupRequest,
  passkey: PasskeyPublic,
  controls: JobControls,
): Promise<string> {
  await retryingFs(controls.fileLayer?.fs, controls.fileLayer?.retry).mkdir(request.safetyBackupFolder, {
    recursive: true,
    mode: PRIVATE_DIR_MODE,
  });
  try {
    const made = await createBackup(
      {
        databasePath: request.databasePath,
        destination: request.safetyBackupFolder,
        keySource: passkey,
        alsoOpenWith: { recoveryCode: request.safetyAlsoOpenWith?.recoveryCode },
        kind: 'before-restore',
        appVersion: request.appVersion,
        tempParent: request.tempParent,
        inMemoryLimit: request.inMemoryLimit,
        nativeBinding: request.nativeBinding,
      },
      {
        signal: controls.signal,
        fileLayer: controls.fileLayer,
        onProgress: (p) => report(controls, 'safety-backup', p.bytesDone, p.bytesTotal),
      },
    );
    return made.file;
  } catch (error) {
    if (!(error instanceof NoteVaultError) || error.code === 'CANCELLED') throw error;
    throw new NoteVaultError(
      error.code,
      `The restore was stopped before changing anything, because the safety backup of your current notes ` +
        `failed: ${error.message}`,
      { cause: error },
    );
  }
}

/**
 * Gives one v2 backup a passkey slot for the new passkey, in place, without touching its stream
 * (docs/backup-format.md section 20; docs/backup-pipeline.md, "Changing the passkey").
 *
 * 1. Read the header (bounded), unlock the file key with the old passkey (cached Argon2id).
 * 2. New header: the new passkey's slot, every other slot byte for byte, a new MAC. It is checked
 *    in memory first (it must give the same file key with the new passkey).
 * 3. Same length (always, for headers NoteVault writes): journal on disk (rekey-journal.ts), then
 *    the header in ONE write at offset 0, fsync, read back and check (new passkey, MAC, chunk 0's
 *    metadata), then the journal is removed. A crash between the journal and the end of the write
 *    leaves a journal that the next sweep or passkey change finishes (finish-journal.ts).
 *    Another length: a copy with the new header, fsynced and checked, renamed over the file.
 *
 * Files that cannot be changed are reported with a reason, never thrown for: the folder's other
 * backups are still worth changing. Writes and opens go through the fsx retry (EBUSY/EPERM/EACCES
 * on Windows) within its budget; a file still locked after it is reported as 'locked'.
 */
import type { PasskeyNotChangedReason } from '../../../src-shared/change-passkey-text';
import { NoteVaultError } from '../../../src-shared/errors';
import { sha256OfFile, sha256OfOpenFile } from '../../fsx/file-sha256';
import type { FileDigest } from '../../fsx/file-sha256';
import { underlyingCode } from '../../fsx/fs-errors';
import type { FileHandle } from '../../fsx/fs-seam';
import { syncHandle, useThenClose, writeFully } from '../../fsx/handle-io';
import type { FileLayerOptions, RetryOptions } from '../../fsx/retry';
import { lstatIfExists } from '../../fsx/retry';
import { readMetadataFromHandle } from '../format/decrypt-stream';
import { readAnyHeader } from '../format/header';
import type { KdfParams } from '../format/kdf';
import { sameBytes } from '../format/same-bytes';
import { rewrapHeader } from '../format/v2/header-v2';
import type { BackupHeaderV2 } from '../format/v2/header-v2';
import type { KeptSlot, Recipient } from '../format/v2/slots';
import { unlockFileKey } from '../format/v2/unlock-file-key';
import type { DeriveArgon2id } from '../format/v2/unlock-file-key';
import { finishRekeyJournal, openOwnFileNoFollow } from './finish-journal';
import { assertOpensWithNew, layerOf, verifyOnDisk } from './rekey-checks';
import {
  decodeJournal,
  journalPathFor,
  readJournalBytes,
  removeJournal,
  writeJournal,
} from './rekey-journal';
import { rewriteByCopy } from './rewrite-by-copy';

/** Why a backup kept its old slots (each explained in src-shared/change-passkey-text.ts). */
export type NotChangedReason = PasskeyNotChangedReason;

export type RekeyOutcome =
  | { status: 'changed'; written?: FileDigest }
  | { status: 'already-new'; written?: FileDigest }
  | { status: 'not-changed'; reason: NotChangedReason; message: string };

/** What re-keying needs from the run: the passkeys' cached derivations and the new slot's recipient. */
export interface RekeyKeys {
  oldPasskey: string;
  newPasskey: string;
  deriveOld: DeriveArgon2id;
  deriveNew: DeriveArgon2id;
  /** The new passkey's recipient: its fresh salt and costs, and its public key. */
  newRecipient: Extract<Recipient, { kind: 'passkey' }>;
  /** keyIdOf(newRecipient.publicKey): a slot with it is already the new passkey's. */
  newKeyId: Uint8Array;
  /** Whether a slot's salt and costs may be derived: within NoteVault's own costs, or already derived. */
  mayDerive: (kdf: KdfParams) => boolean;
}

const REASON_OF_CODE: Partial<Record<NoteVaultError['code'], NotChangedReason>> = {
  WRONG_PASSKEY: 'other-passkey',
  BACKUP_DAMAGED: 'damaged',
  BACKUP_UNSUPPORTED: 'unsupported',
  NOT_A_BACKUP: 'not-a-backup',
  FILE_LOCKED: 'locked',
  BUSY: 'busy',
};

function refused(reason: NotChangedReason, message: string): RekeyOutcome {
  return { status: 'not-changed', reason, message };
}

function notChanged(error: unknown): RekeyOutcome {
  if (!(error instanceof NoteVaultError) || error.code === 'CANCELLED' || error.code === 'INTERNAL')
    throw error;
  return { status: 'not-changed', reason: REASON_OF_CODE[error.code] ?? 'io', message: error.message };
}

/** Re-keys the backup at `path` (see the module comment). Throws only for bugs and cancellation. */
export async function rekeyFile(
  path: string,
  keys: RekeyKeys,
  options: FileLayerOptions = {},
): Promise<RekeyOutcome> {
  const { layer, retry } = layerOf(options);
  let handle: FileHandle | undefined;
  try {
    if (await isReadOnly(path, layer)) {
      return refused(
        'read-only',
        `${path} is read-only, so its passkey cannot be changed. Clear its read-only setting and run the change again.`,
      );
    }
    handle = await openOwnFileNoFollow(path, layer);
  } catch (error) {
    return notChanged(error);
  }
  if (handle === undefined) {
    return refused('not-a-backup', `${path} is a link or not a regular file.`);
  }
  let fileKey: Uint8Array | undefined;
  let handleOpen = true;
  const closeHandle = async (): Promise<void> => {
    if (!handleOpen) return;
    handleOpen = false;
    await handle.close();
  };
  try {
    // Written in place, the header would change the file's other names too, wherever they are;
    // and the journal's recovery refuses such a file (finish-journal.ts).
    if ((await handle.stat()).nlink > 1) {
      return refused('hard-linked', `${path} has other names (hard links), so its passkey was not changed.`);
    }
    const header = await readAnyHeader(handle, path);
    if (!('slots' in header)) {
      return refused(
        'format-1',
        `${path} is a format 1 backup: it opens only with the passkey it was made with.`,
      );
    }
    const passkeySlot = header.slots.find((slot) => slot.kind === 'passkey');
    if (passkeySlot === undefined) {
      return refused('no-passkey-slot', `${path} has no passkey slot.`);
    }
    if (sameBytes(passkeySlot.keyId, keys.newKeyId)) return { status: 'already-new' };
    if (passkeySlot.kdf !== undefined && !keys.mayDerive(passkeySlot.kdf)) {
      return refused(
        'costly',
        `${path} asks for more Argon2id time or memory than NoteVault uses, so it was not tried.`,
      );
    }
    const unlocked = await unlockWithEither(header, keys, path);
    fileKey = unlocked.fileKey;
    // A damaged first chunk is reported before anything is written, not found by the read-back.
    // Through the checked handle: the name may point elsewhere by now.
    await readMetadataFromHandle(handle, path, fileKey);
    const kept: KeptSlot[] = header.slots
      .filter((s) => s.kind !== 'passkey')
      .map((slot) => ({ kind: 'kept', slot }));
    const newHeader = await rewrapHeader(header, fileKey, [keys.newRecipient, ...kept]);
    // Checked before anything touches the disk: a header that did not open would lock the file for good.
    await assertOpensWithNew(newHeader, fileKey, keys, path);
    if (newHeader.length === header.headerLength) {
      await rewriteInPlace(path, handle, header, newHeader, fileKey, keys, layer, retry);
    } else {
      await closeHandle();
      await rewriteByCopy(path, header, newHeader, fileKey, keys, layer);
    }
    const status = unlocked.alreadyNew ? 'already-new' : 'changed';
    const written = await digestAfterRewrite(path, handleOpen ? handle : undefined, layer, retry);
    return written === undefined ? { status } : { status, written };
  } catch (error) {
    return notChanged(error);
  } finally {
    fileKey?.fill(0);
    await closeHandle().catch(() => undefined);
  }
}

/**
 * The rewritten file's size and whole-file SHA-256, read from the disk after the write and its
 * checks (through the checked handle when it is still open): the catalogue's expectation of this
 * copy follows it (change-passkey-service.ts). The file is changed either way; one that cannot be
 * read now just keeps its old expectation, which its next drill brings up to date.
 */
async function digestAfterRewrite(
  path: string,
  handle: FileHandle | undefined,
  layer: FileLayerOptions,
  retry: RetryOptions,
): Promise<FileDigest | undefined> {
  try {
    return handle === undefined
      ? await sha256OfFile(path, layer)
      : await sha256OfOpenFile(handle, path, retry);
  } catch {
    return undefined;
  }
}

/**
 * A file without the owner's write bit (Windows maps its read-only attribute to that) fails the
 * open for writing with EPERM/EACCES, which the retry takes for a lock: checked first, so it is
 * reported for what it is at once instead of as 'locked' after the whole retry budget.
 */
async function isReadOnly(path: string, layer: FileLayerOptions): Promise<boolean> {
  const seen = await lstatIfExists(path, layer);
  return seen !== undefined && seen.isFile() && (seen.mode & 0o200) === 0;
}

/**
 * The file key from the old passkey; failing that, from the new one: a file an interrupted change
 * already gave the new passkey has it with that run's salt. It gets the slot again, with this
 * run's salt, so all backups of a passkey keep sharing one salt (one Argon2id run opens them all).
 */
async function unlockWithEither(
  header: BackupHeaderV2,
  keys: RekeyKeys,
  path: string,
): Promise<{ fileKey: Uint8Array; alreadyNew: boolean }> {
  try {
    const fileKey = await unlockFileKey(
      header,
      { kind: 'passkey', passkey: keys.oldPasskey },
      path,
      keys.deriveOld,
    );
    return { fileKey, alreadyNew: false };
  } catch (error) {
    if (!(error instanceof NoteVaultError) || error.code !== 'WRONG_PASSKEY') throw error;
    try {
      const fileKey = await unlockFileKey(
        header,
        { kind: 'passkey', passkey: keys.newPasskey },
        path,
        keys.deriveNew,
      );
      return { fileKey, alreadyNew: true };
    } catch (withNew) {
      // Neither passkey: report the old passkey's refusal, the one the person asked about.
      if (withNew instanceof NoteVaultError && withNew.code === 'WRONG_PASSKEY') throw error;
      throw withNew;
    }
  }
}

async function rewriteInPlace(
  path: string,
  handle: FileHandle,
  header: BackupHeaderV2,
  newHeader: Uint8Array,
  fileKey: Uint8Array,
  keys: RekeyKeys,
  layer: FileLayerOptions,
  retry: RetryOptions,
): Promise<void> {
  const journalPath = journalPathFor(path);
  const { size } = await handle.stat();
  try {
    await writeJournal(journalPath, { fileSize: size, oldHeader: header.bytes, header: newHeader }, layer);
  } catch (error) {
    if (underlyingCode(error) === 'EEXIST') {
      throw new NoteVaultError('BUSY', `${path} is being changed by another NoteVault process right now.`, {
        cause: error,
      });
    }
    // The journal may be in place already (the folder's fsync after the link failed): left there,
    // the next sweep would give the file the new header after this run reported it unchanged.
    await removeOwnJournal(journalPath, newHeader, layer).catch(() => undefined);
    throw error;
  }
  try {
    // One write of the whole header: the journal covers a crash that tears it.
    await writeFully(handle, newHeader, 0, path, retry);
    await syncHandle(handle, path, retry);
  } catch (error) {
    // The header may be half written. Writing the journal's header again is what the next sweep
    // would do; done now, the file is changed after all. If that fails too, the journal stays.
    const repaired = await finishRekeyJournal(journalPath, path, layer).catch(() => 'failed');
    if (repaired !== 'finished') throw stillJournalled(error);
  }
  try {
    await verifyOnDisk(path, handle, newHeader.length, fileKey, keys);
  } catch (error) {
    // The new header was checked in memory, so this is the disk or another program: put the old
    // header back, which opened with the old passkey, rather than leave an unchecked one. The
    // journal is made to hold the old header first, so a crash meanwhile still ends in a header
    // that opens.
    await writeJournal(journalPath, { fileSize: size, oldHeader: newHeader, header: header.bytes }, layer, {
      replace: true,
    });
    await writeFully(handle, header.bytes, 0, path, retry);
    await syncHandle(handle, path, retry);
    await removeJournal(journalPath, layer);
    throw error;
  }
  // The file opens with the new passkey now. A journal that cannot be removed (on Windows an
  // antivirus or indexer may hold it) is left to the next sweep, which writes the same header again.
  await removeJournal(journalPath, layer).catch((error: unknown) => {
    if (!(error instanceof NoteVaultError)) throw error;
  });
}

/** Removes the journal at `journalPath` only if it is this run's (its header is `header`). */
async function removeOwnJournal(
  journalPath: string,
  header: Uint8Array,
  layer: FileLayerOptions,
): Promise<void> {
  const handle = await openOwnFileNoFollow(journalPath, layer);
  if (handle === undefined) return;
  const retry = layerOf(layer).retry;
  const journal = decodeJournal(
    await useThenClose(handle, journalPath, retry, (h) => readJournalBytes(h, journalPath, layer)),
  );
  // A fresh slot's ephemeral key makes this run's header unlike any other process's.
  if (journal !== undefined && sameBytes(journal.header, header)) await removeJournal(journalPath, layer);
}

function stillJournalled(error: unknown): unknown {
  if (!(error instanceof NoteVaultError)) return error;
  return new NoteVaultError(
    error.code,
    `${error.message} The passkey change of this backup is finished the next time NoteVault starts or changes the passkey.`,
    { cause: error, ...(error.details === undefined ? {} : { details: error.details }) },
  );
}

import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { nodeFileSystem } from '../fsx/fs-seam';
import { syncHandle, useThenClose, writeFully } from '../fsx/handle-io';
import { createPrivateTempDir } from '../fsx/private-temp';
import type { RetryOptions } from '../fsx/retry';
import { retryingFs } from '../fsx/retry';
import { secureWipeDirectory } from '../fsx/secure-wipe';
import type { CleanupList } from './cleanup';
import { BatchWriter } from './format/batch-writer';
import { decryptFile } from './format/decrypt-stream';
import { MAX_CHUNK_SIZE } from './format/format-constants';
import type { BackupMetadata } from './format/metadata';
import { fitsInMemory } from './limits';
import { checkNotesDatabase, openPlaintextDatabase } from './notes-database-checks';
import type { NotesDatabaseFacts } from './notes-database-checks';
import type { JobControls } from './progress';
import { report } from './progress';
import { wipeAndRelease } from './release-buffer';

export interface DecryptRequest {
  file: string;
  key: Uint8Array;
  /** From readMetadata: decides between memory and a temp file before anything is decrypted. */
  metadata: BackupMetadata;
  /** Where the private temp folder goes if the payload is too large for memory. */
  tempParent: string;
  /** Label of that folder, e.g. 'verify' or 'restore'. */
  purpose: string;
  inMemoryLimit?: number;
  nativeBinding?: string;
  /**
   * SHA-256 (hex) of the file a person consented to restore: the bytes decrypted here are
   * hashed as they are read, and anything else is refused before it is used.
   */
  expectedFileSha256?: string | undefined;
  /** Hash the whole file as it is decrypted and return it (fileSha256), for a restore drill. */
  hashFile?: boolean | undefined;
}

export interface DecryptedBackup {
  /** The backup's database, open and checked; closed by the cleanup list. */
  db: Database.Database;
  facts: NotesDatabaseFacts;
  /** SHA-256 (hex) of exactly the file bytes decrypted; only with `hashFile` or `expectedFileSha256`. */
  fileSha256?: string | undefined;
}

/**
 * Decrypts a whole backup (every chunk, the final tag, the payload hash) and checks the
 * database inside: SQLite integrity, NoteVault's application id and notes table, a schema
 * this NoteVault can open or migrate, and the note count and schema version its metadata
 * promised. Small payloads stay in memory; larger ones go to a file in a private temp folder
 * under `tempParent`. Closing the database and wiping that folder are registered on
 * `cleanup`, so they happen whatever the caller does next.
 */
export async function openDecryptedBackup(
  request: DecryptRequest,
  controls: JobControls,
  cleanup: CleanupList,
): Promise<DecryptedBackup> {
  const { file, key, metadata } = request;
  const onProgress = (done: number, total: number): void => report(controls, 'decrypting', done, total);
  const hashFile = request.expectedFileSha256 !== undefined || request.hashFile === true;
  let decryptedFile: { fileSha256?: string | undefined } = {};
  let db: Database.Database;
  if (fitsInMemory(metadata.plaintextSize, request.inMemoryLimit)) {
    const plaintext = Buffer.alloc(metadata.plaintextSize);
    cleanup.add(() => wipeAndRelease(plaintext));
    let filled = 0;
    decryptedFile = await decryptFile(file, key, {
      signal: controls.signal,
      hashFile,
      onProgress,
      onChunk: (chunk) => {
        // decryptFile compares the total with the metadata only at the end; never write past it.
        if (filled + chunk.length > plaintext.length) throw longerThanPromised(file, metadata);
        plaintext.set(chunk, filled);
        filled += chunk.length;
      },
    });
    try {
      assertConsentedBytes(request, decryptedFile.fileSha256);
      db = openPlaintextDatabase(plaintext, { nativeBinding: request.nativeBinding });
    } finally {
      // better-sqlite3 copies the bytes into SQLite's own memory (sqlite3_deserialize of a
      // copy, freed on close): ours are not needed any more, and would otherwise stay
      // resident beside SQLite's copy through the checks and a restore's safety backup.
      wipeAndRelease(plaintext);
    }
  } else {
    const fs = controls.fileLayer?.fs ?? nodeFileSystem;
    const retry: RetryOptions = { platform: fs.platform, ...controls.fileLayer?.retry };
    const layer = { fs, retry };
    const dir = await createPrivateTempDir(request.tempParent, request.purpose, layer);
    cleanup.add(() => secureWipeDirectory(dir, layer));
    const path = join(dir, 'decrypted.db');
    const handle = await retryingFs(fs, retry).open(path, 'wx', 0o600);
    await useThenClose(handle, path, retry, async () => {
      const batch = new BatchWriter(
        (bytes, at) => writeFully(handle, bytes, at, path, retry),
        MAX_CHUNK_SIZE,
      );
      try {
        decryptedFile = await decryptFile(file, key, {
          signal: controls.signal,
          hashFile,
          onProgress,
          onChunk: (chunk) => batch.append(chunk),
        });
        await batch.finish();
      } finally {
        await batch.settle();
        batch.wipe();
      }
      await syncHandle(handle, path, retry);
    });
    assertConsentedBytes(request, decryptedFile.fileSha256);
    db = openPlaintextDatabase(path, { readonly: true, nativeBinding: request.nativeBinding });
  }
  cleanup.add(() => void db.close());

  report(controls, 'validating', 0, 1);
  const facts = checkNotesDatabase(db, { label: `the backup ${file}`, advice: 'Use another backup.' });
  if (facts.noteCount !== metadata.noteCount || facts.schemaVersion !== metadata.schemaVersion) {
    throw new NoteVaultError(
      'BACKUP_DAMAGED',
      `The backup ${file} is inconsistent: its metadata promises ${metadata.noteCount} notes in schema version ` +
        `${metadata.schemaVersion}, but the database inside holds ${facts.noteCount} notes in schema version ` +
        `${facts.schemaVersion}. Nothing was changed. Use another backup.`,
    );
  }
  report(controls, 'validating', 1, 1);
  return { db, facts, fileSha256: decryptedFile.fileSha256 };
}

/** The file read is the file consented to, byte for byte (a swap after the preview is refused). */
function assertConsentedBytes(request: DecryptRequest, fileSha256: string | undefined): void {
  if (request.expectedFileSha256 === undefined || fileSha256 === request.expectedFileSha256) return;
  throw new NoteVaultError(
    'VALIDATION',
    `The backup file ${request.file} changed after its preview, so nothing was changed. Preview it again before restoring.`,
  );
}

function longerThanPromised(file: string, metadata: BackupMetadata): NoteVaultError {
  return new NoteVaultError(
    'BACKUP_DAMAGED',
    `The backup ${file} is damaged: it holds more data than the ${metadata.plaintextSize} bytes its metadata ` +
      'records. Use another backup.',
  );
}

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { limitPageCache } from './page-cache';
import type { KeySource } from './passkey-or-key';
import type { JobControls } from './progress';
import { rebuildUserData } from './rebuild-user-data';
import { withCheckedBackup } from './with-checked-backup';

export interface BrowseCopyRequest {
  file: string;
  keySource: KeySource;
  /**
   * A private temp folder (createPrivateTempDir) the caller owns and wipes when browsing ends.
   * A copy too large for memory is written here as `browse.db`.
   */
  tempDir: string;
  inMemoryLimit?: number;
  nativeBinding?: string;
}

export interface BrowseCopyResult {
  noteCount: number;
  /** When the backup was made (epoch ms), from its metadata. */
  createdAt: number;
  /** The database image, when it fits in memory; then `path` is null. */
  image: Uint8Array | null;
  /** `<tempDir>/browse.db`, when the copy was too large for memory; then `image` is null. */
  path: string | null;
}

export const BROWSE_COPY_FILE = 'browse.db';

/**
 * Decrypts and checks a backup exactly as a verification does, then rebuilds its data into a
 * fresh database made by NoteVault's own migrations (rebuildUserData, as a restore does): the
 * backup's own tables, triggers and views never reach the main process. The copy goes to the
 * caller as an image (small backups: no plaintext touches the disk) or as a file in the
 * caller's private temp folder. Runs in the job worker; the caller opens the copy in its own
 * thread and wipes the folder when the person stops browsing.
 */
export async function makeBrowseCopy(
  request: BrowseCopyRequest,
  controls: JobControls = {},
): Promise<BrowseCopyResult> {
  const { file } = request;
  return withCheckedBackup(
    // The decrypted file, and the rebuilt copy made from it.
    { ...request, tempParent: request.tempDir, purpose: 'browse', tempCopies: 2 },
    controls,
    'Opening the backup',
    async ({ db, facts, metadata, inMemory }) => {
      const base = { noteCount: facts.noteCount, createdAt: Date.parse(metadata.createdAt) };
      // The decrypted file is wiped with its own folder by the cleanup; this copy outlives the job.
      const path = inMemory ? null : join(request.tempDir, BROWSE_COPY_FILE);
      const copy = new Database(path ?? ':memory:', { nativeBinding: request.nativeBinding });
      try {
        copy.pragma('temp_store = MEMORY');
        limitPageCache(copy);
        copy.exec('BEGIN IMMEDIATE');
        await rebuildUserData(db, copy, controls, {
          label: 'the copy of the backup to browse',
          cancelled: 'Opening the backup was cancelled.',
        });
        copy.exec('COMMIT');
        return { ...base, image: path === null ? new Uint8Array(copy.serialize()) : null, path };
      } finally {
        copy.close();
      }
    },
    () => `The backup ${file} was opened for browsing, but`,
  );
}

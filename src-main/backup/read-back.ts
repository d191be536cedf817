import { NoteVaultError } from '../../src-shared/errors';
import { decryptFile } from './format/decrypt-stream';
import type { BackupMetadata } from './format/metadata';
import type { JobControls } from './progress';
import { report } from './progress';

/**
 * The verification a new backup must pass before it gets its final name: read the written
 * file back and decrypt every chunk (authentication, the final tag, nothing after it, the
 * payload's size and SHA-256 against the metadata), and compare the metadata with what was
 * written. The SHA-256 was taken of the snapshot that had already passed the integrity,
 * identity and note-count checks, so a match proves the file holds exactly that checked
 * database, without writing its plaintext to disk a second time to re-open it.
 *
 * The same single read also hashes the whole encrypted file (`fileSha256`), so the catalogue
 * and a later drill know the exact bytes that passed this check without another pass over it.
 *
 * Honest limit: right after writing, the operating system may serve these reads from its
 * cache rather than the disk; the fsync before it is what asks the disk to hold the data.
 */
export async function readBackWrittenBackup(
  path: string,
  key: Uint8Array,
  written: BackupMetadata,
  controls: JobControls,
): Promise<{ fileSha256: string }> {
  const result = await decryptFile(path, key, {
    signal: controls.signal,
    hashFile: true,
    onProgress: (done, total) => report(controls, 'verifying', done, total),
  });
  const fields = [
    ...new Set([...Object.keys(written), ...Object.keys(result.metadata)]),
  ] as (keyof BackupMetadata)[];
  // JSON text, so the manifest (an object) compares by value.
  const differing = fields.filter(
    (field) => JSON.stringify(result.metadata[field]) !== JSON.stringify(written[field]),
  );
  if (differing.length > 0) {
    throw new NoteVaultError(
      'INTERNAL',
      `The backup ${path} was written but reads back with different metadata (${differing.join(', ')}), so it ` +
        'was not kept. Try again; if it keeps happening, the disk or its driver may be faulty.',
    );
  }
  if (result.fileSha256 === undefined) {
    throw new NoteVaultError(
      'INTERNAL',
      `The read-back of ${path} did not hash the file. This is a bug in NoteVault.`,
    );
  }
  return { fileSha256: result.fileSha256 };
}

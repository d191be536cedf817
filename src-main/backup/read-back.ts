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
 * Honest limit: right after writing, the operating system may serve these reads from its
 * cache rather than the disk; the fsync before it is what asks the disk to hold the data.
 */
export async function readBackWrittenBackup(
  path: string,
  key: Uint8Array,
  written: BackupMetadata,
  controls: JobControls,
): Promise<void> {
  const result = await decryptFile(path, key, {
    signal: controls.signal,
    onProgress: (done, total) => report(controls, 'verifying', done, total),
  });
  const fields = Object.keys(written) as (keyof BackupMetadata)[];
  const differing = fields.filter((field) => result.metadata[field] !== written[field]);
  if (differing.length > 0) {
    throw new NoteVaultError(
      'INTERNAL',
      `The backup ${path} was written but reads back with different metadata (${differing.join(', ')}), so it ` +
        'was not kept. Try again; if it keeps happening, the disk or its driver may be faulty.',
    );
  }
}

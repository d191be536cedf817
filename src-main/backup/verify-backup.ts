import { tmpdir } from 'node:os';
import type { BackupMetadata } from './format/metadata';
import type { KeySource } from './passkey-or-key';
import type { JobControls } from './progress';
import { withCheckedBackup } from './with-checked-backup';

export interface VerifyBackupRequest {
  file: string;
  keySource: KeySource;
  /** Parent of the private temp folder if the payload is too large for memory. Default os.tmpdir(). */
  tempParent?: string;
  inMemoryLimit?: number;
  nativeBinding?: string;
}

export interface VerifyBackupResult {
  file: string;
  metadata: BackupMetadata;
  noteCount: number;
}

/**
 * Checks a backup completely without restoring it: the header, every chunk, the final tag,
 * the payload hash, and the database inside (integrity, identity, schema, note count). Any
 * plaintext it needed is wiped before it returns. The header is checked before the key is
 * derived, so a file that is not a backup never costs an Argon2id run.
 */
export async function verifyBackup(
  request: VerifyBackupRequest,
  controls: JobControls = {},
): Promise<VerifyBackupResult> {
  const { file } = request;
  return withCheckedBackup(
    { ...request, tempParent: request.tempParent ?? tmpdir(), purpose: 'verify' },
    controls,
    'Checking the backup',
    ({ metadata, facts }) => ({ file, metadata, noteCount: facts.noteCount }),
    () => `The backup ${file} is intact, but`,
  );
}

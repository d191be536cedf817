/**
 * The v2 header's refusals, worded like header.ts's v1 ones: one sentence saying what is wrong
 * with which file and what to do, the offset and field inside it.
 */
import { NoteVaultError } from '../../../../src-shared/errors';

export function headerDamaged(fileLabel: string, detail: string): NoteVaultError {
  return new NoteVaultError(
    'BACKUP_DAMAGED',
    `The backup ${fileLabel} is damaged: ${detail} (chunk index: none, the header comes before chunk 0). ` +
      'Use another backup.',
  );
}

export function headerUnsupported(fileLabel: string, detail: string): NoteVaultError {
  return new NoteVaultError(
    'BACKUP_UNSUPPORTED',
    `The backup ${fileLabel} ${detail}, so this NoteVault cannot open it. Update NoteVault to open it.`,
  );
}

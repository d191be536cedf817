import { basename } from 'node:path';
import { NoteVaultError } from '../../../src-shared/errors';
import { formatCount, formatNumber } from '../../../src-shared/format';
import type { BackupManifest, ManifestDifference } from '../manifest/backup-manifest';

/**
 * The sentence for a backup that opens and restores, but not to what was backed up: the
 * biggest difference first ("412 of its 3,104 notes are missing"), the figures in `details`.
 */
export function manifestMismatch(
  file: string,
  expected: BackupManifest,
  actual: BackupManifest,
  difference: ManifestDifference,
): NoteVaultError {
  const name = basename(file);
  const what = [notesPart(expected, difference), attachmentsPart(expected, difference)].filter(
    (part): part is string => part !== undefined,
  );
  return new NoteVaultError(
    'BACKUP_DAMAGED',
    `The backup "${name}" opens, but ${what.join(', and ')}: make a new backup now.`,
    {
      details:
        `${file}: its manifest records ${expected.notes} notes (digest ${expected.notesDigest}) and ` +
        `${expected.attachments} attachments (digest ${expected.attachmentsDigest}); the restored copy holds ` +
        `${actual.notes} notes (digest ${actual.notesDigest}) and ${actual.attachments} attachments ` +
        `(digest ${actual.attachmentsDigest}).`,
    },
  );
}

function notesPart(expected: BackupManifest, difference: ManifestDifference): string | undefined {
  if (difference.missingNotes > 0) {
    return `${formatNumber(difference.missingNotes)} of its ${formatCount(expected.notes, 'note')} ${difference.missingNotes === 1 ? 'is' : 'are'} missing`;
  }
  if (difference.extraNotes > 0) {
    return `it holds ${formatCount(difference.extraNotes, 'note')} more than the ${formatNumber(expected.notes)} backed up`;
  }
  return difference.notesDiffer ? 'its notes are not the ones backed up (some differ)' : undefined;
}

function attachmentsPart(expected: BackupManifest, difference: ManifestDifference): string | undefined {
  if (difference.missingAttachments > 0) {
    return `${formatNumber(difference.missingAttachments)} of its ${formatCount(expected.attachments, 'attachment')} ${difference.missingAttachments === 1 ? 'is' : 'are'} missing`;
  }
  if (difference.extraAttachments > 0) {
    return `it holds ${formatCount(difference.extraAttachments, 'attachment')} more than the ${formatNumber(expected.attachments)} backed up`;
  }
  return difference.attachmentsDiffer
    ? 'its attachments are not the ones backed up (some differ)'
    : undefined;
}

import type { BackupKind } from './format/metadata';
import { BACKUP_KINDS } from './format/metadata';

/** Every backup file NoteVault writes ends in this, whatever its kind. */
export const BACKUP_EXTENSION = '.nvbak';

const PREFIX = 'NoteVault-';
// Colons are not allowed in Windows file names, so the time uses hyphens throughout.
const GENERATED_NAME =
  /^NoteVault-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-(scheduled|before-restore))?(?:-([2-9]|[1-9]\d+))?\.nvbak$/;

/**
 * `NoteVault-2026-11-25T22-48-03Z.nvbak` for a manual backup, with `-scheduled` or
 * `-before-restore` before the extension for the other kinds. UTC and zero-padded, so names
 * sort by time in any file browser; `sequence` 2, 3, ... distinguishes backups made within
 * the same second.
 */
export function backupFileName(createdAt: Date, kind: BackupKind, sequence = 1): string {
  if (Number.isNaN(createdAt.getTime())) {
    throw new RangeError('A backup name needs a valid date.');
  }
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new RangeError(`A backup name sequence must be a whole number from 1; got ${sequence}.`);
  }
  const stamp = createdAt.toISOString().slice(0, 19).replace(/:/g, '-');
  const kindPart = kind === 'manual' ? '' : `-${kind}`;
  const sequencePart = sequence === 1 ? '' : `-${sequence}`;
  return `${PREFIX}${stamp}Z${kindPart}${sequencePart}${BACKUP_EXTENSION}`;
}

/**
 * True for any backup file name, including one a person chose on the command line
 * ("before-upgrade.nvbak"); false for the `.partial` of a backup still being written.
 */
export function isBackupFileName(name: string): boolean {
  return name.length > BACKUP_EXTENSION.length && name.toLowerCase().endsWith(BACKUP_EXTENSION);
}

/** Time and kind of a name made by backupFileName; null for any other name. */
export function parseBackupFileName(name: string): { createdAt: Date; kind: BackupKind } | null {
  const match = GENERATED_NAME.exec(name);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, kindText] = match;
  const createdAt = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
  // A well-formed but impossible date (month 13) parses to NaN or rolls over; reject both.
  if (
    Number.isNaN(createdAt.getTime()) ||
    backupFileName(createdAt, 'manual').slice(10, 29) !== name.slice(10, 29)
  ) {
    return null;
  }
  const kind = (kindText ?? 'manual') as BackupKind;
  return BACKUP_KINDS.includes(kind) ? { createdAt, kind } : null;
}

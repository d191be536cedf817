import { errorCode } from '../fsx/fs-errors';

/** A short reason for a skip list; the full path is already in the list entry. */
export function describeReadFailure(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EBUSY':
      return 'another program has the file locked (EBUSY)';
    case 'ENOENT':
      return 'the file disappeared while importing (ENOENT)';
    case 'EISDIR':
      return 'it is a folder (EISDIR)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

import path from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';

/**
 * The one rule for a path that enters the main process (the settings file, the folder dialog's
 * answer, the CLI's path options): a plain absolute path on a local or mapped drive.
 *
 * Why each refusal:
 * - NUL: file APIs cut the string there or throw, so what was checked is not what is opened.
 * - relative: it would be resolved against whatever the working folder happens to be.
 * - UNC (`\\host\share`): opening it makes Windows connect over SMB and offer the user's NTLM
 *   hash to that host, before any check of ours can run.
 * - device paths (`\\?\`, `\\.\`): they skip Windows' path normalisation and can name raw
 *   devices and pipes.
 * Forward slashes count too on Windows (`//host/share`, `//?/C:/`), because Windows accepts them.
 */
export function untrustedPathReason(candidate: string, platform: string = process.platform): string | null {
  if (candidate.length === 0) return 'it is empty';
  if (candidate.includes('\0')) return 'it contains a NUL character';
  if (platform === 'win32') {
    if (/^[\\/]{2}[?.][\\/]/.test(candidate)) return 'it is a Windows device path (\\\\?\\ or \\\\.\\)';
    if (/^[\\/]{2}/.test(candidate))
      return 'it is a network (UNC) path (map the share to a drive letter to use it)';
    // `\folder` is "absolute" to path.win32 but relative to the current drive: refuse it too.
    if (!/^[a-zA-Z]:[\\/]/.test(candidate)) return 'it is not an absolute path with a drive letter';
    return null;
  }
  if (!path.posix.isAbsolute(candidate)) return 'it is not an absolute path';
  return null;
}

/** The path unchanged, or a VALIDATION error naming `what` and why it was refused. */
export function requireTrustedPath(
  candidate: string,
  what: string,
  platform: string = process.platform,
): string {
  const reason = untrustedPathReason(candidate, platform);
  if (reason !== null) {
    throw new NoteVaultError(
      'VALIDATION',
      `NoteVault refused ${what} because ${reason}; use a full path to a folder or file on this computer.`,
    );
  }
  return candidate;
}

import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import type { ChosenRestoreFile } from '../../src-shared/ipc/contract-backup';

/**
 * The backup file the person chose to restore, named to the renderer by an opaque token: the
 * renderer never sends a path back, so a compromised page can only restore the file the main
 * process itself picked (from the native dialog or the backup folder). One file at a time;
 * choosing another invalidates the previous token.
 */
export class ChosenRestoreFileSlot {
  private chosen: { token: string; path: string } | undefined;

  /** Checks that `path` is a readable regular file and hands out a new token for it. */
  async choose(path: string): Promise<ChosenRestoreFile> {
    const info = await stat(path).catch((cause: unknown) => {
      throw new NoteVaultError('IO', `NoteVault cannot read ${path}. Choose another file.`, { cause });
    });
    if (!info.isFile())
      throw new NoteVaultError('VALIDATION', `${path} is not a file. Choose a .nvbak file.`);
    this.chosen = { token: randomUUID(), path };
    return { token: this.chosen.token, fileName: basename(path), folder: dirname(path), size: info.size };
  }

  /** The path behind `token`; refuses a token that is stale or was never handed out. */
  pathFor(token: string): string {
    if (this.chosen?.token !== token) {
      throw new NoteVaultError('VALIDATION', 'That backup file is no longer chosen. Choose the file again.');
    }
    return this.chosen.path;
  }
}

import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import type { ChosenRestoreFile, OpeningCost } from '../../src-shared/ipc/contract-backup';
import { inspectAnyHeader } from '../backup/format/header';
import { openingCostBeyondDefaults, passkeyKdfOf } from '../backup/format/opening-cost';
import { requireTrustedPath } from '../fsx/trusted-path';

/**
 * The backup file the person chose to restore, named to the renderer by an opaque token: the
 * renderer never sends a path back, so a compromised page can only restore the file the main
 * process itself picked (from the native dialog or the backup folder). One file at a time;
 * choosing another invalidates the previous token.
 */
export class ChosenRestoreFileSlot {
  private chosen: { token: string; path: string } | undefined;

  /** `platform`: whose path rules apply (trusted-path.ts); tests pass another. */
  constructor(private readonly platform: string = process.platform) {}

  /**
   * Checks that `path` is a readable regular file and hands out a new token for it, with what
   * opening it will cost when that is more than usual (read from its cleartext header). The
   * path passes the one path rule first (trusted-path.ts): the dialog can answer with a UNC
   * path (a network place), and even a stat of one makes Windows offer the user's NTLM hash.
   */
  async choose(path: string): Promise<ChosenRestoreFile> {
    requireTrustedPath(path, 'the chosen backup file', this.platform);
    const info = await stat(path).catch((cause: unknown) => {
      throw new NoteVaultError('IO', `NoteVault cannot read ${path}. Choose another file.`, { cause });
    });
    if (!info.isFile())
      throw new NoteVaultError('VALIDATION', `${path} is not a file. Choose a .nvbak file.`);
    const openingCost = await costFromHeader(path);
    this.chosen = { token: randomUUID(), path };
    return {
      token: this.chosen.token,
      fileName: basename(path),
      folder: dirname(path),
      size: info.size,
      openingCost,
    };
  }

  /** The path behind `token`; refuses a token that is stale or was never handed out. */
  pathFor(token: string): string {
    if (this.chosen?.token !== token) {
      throw new NoteVaultError('VALIDATION', 'That backup file is no longer chosen. Choose the file again.');
    }
    return this.chosen.path;
  }
}

/**
 * Null when the header cannot be read: choosing a file is not where a bad file is refused
 * (the preview does that, with the explained error), and a file that is not a backup costs
 * nothing to open.
 */
async function costFromHeader(path: string): Promise<OpeningCost | null> {
  try {
    return openingCostBeyondDefaults(passkeyKdfOf(await inspectAnyHeader(path)));
  } catch (error) {
    if (error instanceof NoteVaultError) return null;
    throw error;
  }
}

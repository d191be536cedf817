/**
 * The copy-in case of the tier (issue #17): NoteVault copies a finished backup from its local
 * staging folder into a folder a cloud sync client watches (copyBackupInto), while sync-holder.exe
 * plays the client: it opens each new file there right after it appears, without FILE_SHARE_DELETE,
 * and holds it. Shared by the Linux driver and the Windows runner.
 *
 * Layout of a case folder: `staging/<NAME>` is the verified backup; `data/` is the synced folder,
 * holding the BYSTANDERS beforehand (earlier backups, a file of the person's) and exactly the
 * bystanders plus a complete `<NAME>` afterwards.
 */
import { createHash } from 'node:crypto';
import { bytesFor } from './scenarios';

export const COPY_IN_OP = 'copy-in';
export const COPY_IN_TITLE = 'copyBackupInto(staging -> folder a sync client watches)';
export const COPY_IN_NAME = 'NoteVault-2026-12-06T06-00-00Z.nvbak';
export const STAGING_FOLDER = 'staging';
/** 4 MiB: four blocks of the copy loop, so the client has a partial to open while it is written. */
export const COPY_IN_SIZE = 4 * 1024 * 1024;

let source: Buffer | undefined;
let sourceSha256: string | undefined;

/** The staged backup's bytes (made once: 4 MiB of hashes take a moment); never modify them. */
export function copyInSource(): Buffer {
  source ??= bytesFor('backup copied into a synced folder', COPY_IN_SIZE);
  return source;
}

export function copyInSha256(): string {
  sourceSha256 ??= createHash('sha256').update(copyInSource()).digest('hex');
  return sourceSha256;
}

/** The sync holder's signals for the n-th new file it opened and closed (sync-holder.c). */
export const heldSignal = (n: number) => `held-${n}`;
export const letGoSignal = (n: number) => `let-go-${n}`;

export interface HeldFile {
  name: string;
  openedAt: number;
}

export interface LetGoFile {
  name: string;
  releasedAt: number;
  why: string;
}

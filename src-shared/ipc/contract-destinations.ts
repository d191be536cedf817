import { z } from 'zod';
import type { Settings } from '../settings';
import { returns } from './returns';

/**
 * Backup destinations: the backup folder and up to two more folders each backup is copied to
 * (src-main/destinations/, docs/backup-pipeline.md "Destinations and cloud-sync folders").
 * Spread into `ipcRequests` / `ipcEvents` in contract.ts. The renderer never sends a folder:
 * main's own folder dialog chooses it, and a destination is named by its id afterwards.
 */

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

/** An extra destination's id ('d' and 8 hex digits); the backup folder itself cannot be removed here. */
const extraDestinationId = z
  .string({ error: 'A destination id must be text.' })
  .regex(/^d[0-9a-f]{8}$/, { error: 'A destination id is "d" and 8 hex digits.' });

/** The cloud-sync clients NoteVault recognises a folder of (src-main/fsx/cloud-sync-folder.ts). */
export type CloudSyncKindView = 'onedrive' | 'dropbox' | 'google-drive' | 'icloud-drive';

/** One destination as Settings and the health view show it. Times are epoch ms. */
export interface DestinationStatusView {
  /** 'primary' for the backup folder, else the extra destination's id. */
  id: string;
  /** The folder, as main words it for display. */
  folder: string;
  /** False when the folder cannot be reached now (missing, unplugged, no access). */
  reachable: boolean;
  /** Why it cannot be reached, for a person; null when reachable. */
  problem: string | null;
  /** The technical text behind the problem. */
  details?: string;
  /** The cloud-sync client whose folder this is, or null. */
  cloudSync: CloudSyncKindView | null;
  /** When the newest verified copy there was recorded, or null when none is. */
  lastVerifiedCopyAt: number | null;
  /** The name of that copy, or null. */
  lastVerifiedCopy: string | null;
  /** What a catch-up would copy there: 1 when it lacks a verified copy of the newest backup, else 0 (catch-up copies only the newest). */
  pendingCount: number;
  /** The last copy attempt that did not verify there, as the runner recorded it; null when the last one did. */
  lastCopyProblem: string | null;
  /** Bytes of NoteVault's backups in the folder now; null when it cannot be read. */
  usageBytes: number | null;
  /** The destination's size cap in bytes, or null for none. */
  capBytes: number | null;
}

export interface CatchUpResult {
  /** Copies made and verified by this catch-up. */
  copied: number;
  destinations: DestinationStatusView[];
}

/** What removing a destination did. */
export interface RemovedDestinationView {
  settings: Settings;
  /** One sentence: copying stopped, and the files already there were left in place. */
  message: string;
}

export const destinationsRequests = {
  /**
   * Opens main's folder dialog and adds the chosen folder as a destination (with the backup
   * folder's retention); null when the person cancelled. Refused for a fourth destination, a
   * folder equal to or inside another one, or one inside NoteVault's data folder.
   */
  'settings:addDestination': { args: noArguments, returns: returns<Settings | null>() },
  /** Stops copying to a destination; never deletes a file there. */
  'settings:removeDestination': {
    args: z.strictObject({ id: extraDestinationId }),
    returns: returns<RemovedDestinationView>(),
  },
  'destinations:status': { args: noArguments, returns: returns<DestinationStatusView[]>() },
  /** Copies the newest verified backup into each reachable destination that lacks it. */
  'destinations:catchUp': { args: noArguments, returns: returns<CatchUpResult>() },
} as const;

export const destinationsEvents = {
  /** A copy, catch-up or clean-up changed what a destination holds. */
  'destinations:didChange': returns<DestinationStatusView[]>(),
} as const;

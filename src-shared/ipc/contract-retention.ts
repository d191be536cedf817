import { z } from 'zod';
import { destinationIdSchema } from '../settings';
import { returns } from './returns';

/**
 * The retention preview (issue #17): what the next clean-up of one destination would delete and
 * how much room that frees, computed in main by the same plan the clean-up then runs
 * (src-main/schedule/retention-preview.ts). Spread into `ipcRequests` in contract.ts. The
 * destination is named by its id ('primary' for the backup folder), never by a folder.
 */

/** One backup the next clean-up would delete. */
export interface RetentionPreviewEntry {
  /** The file name inside the destination's folder. */
  name: string;
  /** Bytes on disk. */
  size: number;
  /** From the file name (epoch ms, whole seconds). */
  createdAt: number;
  kind: 'manual' | 'scheduled' | 'before-restore';
}

export interface RetentionPreview {
  destinationId: string;
  /** Newest first. */
  delete: RetentionPreviewEntry[];
  /** Bytes the deletions free together. */
  freedBytes: number;
  /** Bytes of NoteVault's backups left afterwards. */
  keptBytes: number;
  /** How many of NoteVault's backups are left afterwards. */
  keptCount: number;
  /** The destination's size cap in bytes, or null for none. */
  capBytes: number | null;
  /**
   * The backups that must stay (the newest verified one, before-restore ones from the last 30
   * days) are larger than the cap on their own: the health view reports disk-cap pressure.
   */
  overCap: boolean;
}

/** 'primary' (the backup folder) or an extra destination's id: never a folder. */
const destinationId = z
  .string({ error: 'A destination must be named by its id.' })
  .refine((id) => destinationIdSchema.safeParse(id).success, {
    error: 'A destination id is "primary", or "d" and 8 hex digits.',
  });

export const retentionRequests = {
  'backups:retentionPreview': {
    args: z.strictObject({ destinationId }),
    returns: returns<RetentionPreview>(),
  },
} as const;

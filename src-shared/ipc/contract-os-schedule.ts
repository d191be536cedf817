import { z } from 'zod';
import { returns } from './returns';

/**
 * Backups while NoteVault is closed: whether the operating system's scheduler has NoteVault's
 * entry (src-main/os-schedule/), where, and when it last started NoteVault. Spread into
 * `ipcRequests` in contract.ts; see that file for the conventions.
 */
export interface OsScheduleStatus {
  /** The OS scheduler has NoteVault's entry now. */
  registered: boolean;
  /** process.platform of main: 'win32' | 'darwin' | 'linux' | others. */
  platform: string;
  /** Display text: where the entry lives (the task's name, the plist's or the timer's path); null where NoteVault registers nothing. */
  where: string | null;
  /** When the OS scheduler last started NoteVault while it was closed (epoch ms); null if never. */
  lastHeadlessRunAt: number | null;
  /** Why the last registration or removal failed, one sentence; null when it worked. */
  message: string | null;
  /** The technical text behind `message`. */
  details?: string;
}

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

export const osScheduleRequests = {
  'osSchedule:status': { args: noArguments, returns: returns<OsScheduleStatus>() },
} as const;

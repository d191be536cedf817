import { z } from 'zod';
import { NOTE_LIMITS } from '../notes';
import type { Note, Page, SearchHit } from '../notes';
import { SCHEDULE_INTERVALS, settingsPatchSchema } from '../settings';
import type { BackupRunRecord, BackupStatus, FailureRemedy, ScheduleInterval, Settings } from '../settings';
import { returns } from './returns';
import { BOTH_WAYS_IN_MESSAGE, notBothWaysIn, passkeyField, recoveryCodeField } from './way-in';

/**
 * Scheduled backups, the backups view, browsing a backup, settings and app-level events.
 * Spread into `ipcRequests` / `ipcEvents` in contract.ts; see that file for the conventions.
 */

/** A backup is named by its file name inside the configured backup folder, never by a path. */
const backupName = z
  .string({ error: 'A backup name must be text.' })
  .min(1, { error: 'A backup name cannot be empty.' })
  .max(255, { error: 'A backup name is at most 255 characters.' })
  .refine((name) => !/[/\\]/.test(name) && name !== '.' && name !== '..', {
    error: 'A backup name is a file name inside the backup folder, without any folder part.',
  });

const passkey = passkeyField;

/** Neither: the key saved for scheduled backups is tried. */
const byBackupWayIn = z
  .strictObject({ name: backupName, passkey: passkey.optional(), recoveryCode: recoveryCodeField.optional() })
  .refine(notBothWaysIn, { error: BOTH_WAYS_IN_MESSAGE });

const sessionId = z
  .string({ error: 'A browse session id must be text.' })
  .min(1)
  .max(100, { error: 'This does not look like a browse session id.' });

const noteId = z.string({ error: 'A note id must be text.' }).min(1).max(100);

const interval = z.enum(SCHEDULE_INTERVALS.filter((i) => i !== 'off') as ['hourly', 'daily', 'weekly'], {
  error: 'The schedule must be hourly, daily or weekly.',
});

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

export type BackupFileKind = 'manual' | 'scheduled' | 'before-restore' | 'other';
export type VerificationState = 'verified' | 'failed' | 'unverified';

export interface BackupListEntry {
  /** The file name inside the backup folder: how every other request names this backup. */
  name: string;
  /** From the file name for NoteVault's own names, else the file's modification time. */
  createdAt: number;
  sizeBytes: number;
  kind: BackupFileKind;
  verification: VerificationState;
  /** Notes inside, when a verification or the run that made it told us; else null. */
  noteCount: number | null;
  /** Why the last check of this backup failed, for a person; null otherwise. */
  problem: string | null;
  /**
   * The last restore drill of this file (docs/backup-pipeline.md, "Manifests and restore drills"),
   * from the backup catalogue; null when never drilled; absent where no catalogue answered.
   */
  lastDrill?: BackupDrillView | null;
  /** This backup's copies in the other destinations, in Settings' order; absent or empty with none. */
  copies?: BackupCopyView[];
}

/** One restore drill's result, as the backups view shows it. Times are epoch ms. */
export interface BackupDrillView {
  at: number;
  ok: boolean;
  /** Notes the drill restored (ok), else null. */
  noteCount: number | null;
  /** For a failure, one sentence naming the file and what failed; null for a success. */
  message: string | null;
  /** The technical text behind "Details". */
  details?: string;
}

/** A backup's copy in one extra destination. */
export interface BackupCopyView {
  destinationId: string;
  /** The destination's folder, as main words it for display. */
  folder: string;
  state: 'verified' | 'pending' | 'failed' | 'missing';
  /** When the state was recorded (epoch ms). */
  at: number;
  message?: string;
  details?: string;
  lastDrill?: BackupDrillView;
}

export interface BackupList {
  folder: string | null;
  backups: BackupListEntry[];
}

export interface HealthWarningView {
  kind: 'stale' | 'never-succeeded' | 'last-run-failed' | 'note-count-drop';
  /** One sentence: what happened and what to do. */
  message: string;
  /** A failed run's technical text, behind the banner's "Details" disclosure. */
  details?: string;
  /** Where the person fixes it: the banner offers a button there. */
  remedy?: FailureRemedy;
}

export interface ScheduleStatus {
  schedule: ScheduleInterval;
  status: BackupStatus;
  /** When the next scheduled backup starts (epoch ms), or null. */
  nextRunAt: number | null;
  /** True while any backup, restore, check or browse job runs. */
  busy: boolean;
  warnings: HealthWarningView[];
}

export interface KeychainStatus {
  available: boolean;
  /** Why it is unavailable, for a person; null when available. */
  reason: string | null;
  keychainName: string;
}

export interface BrowseSessionInfo {
  sessionId: string;
  name: string;
  /** Every note in the backup, trashed ones included. */
  noteCount: number;
  createdAt: number;
}

export interface BringBackResult {
  /** The ids of the notes in the current database that were created or replaced. */
  ids: string[];
  created: number;
  replaced: number;
  /** Attachments the notes' text refers to that could not be stored again (empty, or over today's cap); absent when none. */
  attachmentsLeftOut?: number;
  /** Tags of the notes whose names today's tag rules refuse; absent when none. */
  tagsLeftOut?: number;
}

export type AppView = 'backups' | 'settings' | 'health';

const byBackup = z.strictObject({ name: backupName });

export const scheduleRequests = {
  'settings:get': {
    args: noArguments,
    returns: returns<{ settings: Settings; loadWarning: string | null }>(),
  },
  'settings:update': { args: settingsPatchSchema, returns: returns<Settings>() },
  /**
   * Opens the native folder picker and remembers the choice; null when the person cancelled.
   * The one way to choose the backup folder (the settings view and the backup dialog).
   */
  'settings:chooseBackupFolder': { args: noArguments, returns: returns<Settings | null>() },
  'schedule:keychainStatus': { args: noArguments, returns: returns<KeychainStatus>() },
  'schedule:enable': {
    args: z.strictObject({ interval, passkey }),
    returns: returns<ScheduleStatus>(),
  },
  /** Turns scheduling off and forgets the saved key. */
  'schedule:disable': { args: noArguments, returns: returns<ScheduleStatus>() },
  'schedule:status': { args: noArguments, returns: returns<ScheduleStatus>() },
  'backups:list': { args: noArguments, returns: returns<BackupList>() },
  'backups:verify': {
    args: byBackupWayIn,
    returns: returns<BackupListEntry>(),
  },
  'backups:delete': { args: byBackup, returns: returns<void>() },
  /** Shows backup `name` in the system's file manager (the backups view and the backup dialog). */
  'backups:showInFolder': { args: byBackup, returns: returns<void>() },
  'browse:open': {
    args: byBackupWayIn,
    returns: returns<BrowseSessionInfo>(),
  },
  'browse:list': {
    args: z.strictObject({
      sessionId,
      trashed: z.boolean().optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(NOTE_LIMITS.pageMaxSize).optional(),
    }),
    returns: returns<Page<Note>>(),
  },
  'browse:search': {
    args: z.strictObject({
      sessionId,
      query: z.string().max(NOTE_LIMITS.searchQueryMaxChars, { error: 'The search is too long.' }),
    }),
    returns: returns<SearchHit[]>(),
  },
  'browse:get': { args: z.strictObject({ sessionId, id: noteId }), returns: returns<Note>() },
  'browse:bringBack': {
    args: z.strictObject({
      sessionId,
      ids: z.array(noteId).min(1, { error: 'Select at least one note.' }).max(NOTE_LIMITS.pageMaxSize),
      mode: z.enum(['as-new', 'replace'], { error: 'mode must be "as-new" or "replace".' }),
    }),
    returns: returns<BringBackResult>(),
  },
  'browse:close': { args: z.strictObject({ sessionId }), returns: returns<void>() },
} as const;

export const scheduleEvents = {
  'settings:didChange': returns<Settings>(),
  /** Every finished backup run, manual or scheduled. */
  'schedule:didRun': returns<BackupRunRecord>(),
  'schedule:didChangeStatus': returns<ScheduleStatus>(),
  /** The tray asked for a view (its "Last backup" item opens the backups view). */
  'app:didRequestView': returns<{ view: AppView }>(),
} as const;

import { z } from 'zod';
import { NoteVaultError } from './errors';

/**
 * The user's settings as both processes see them, and the record of backup runs the UI shows.
 * The main process owns both files (settings.json and backup-state.json in userData); the
 * renderer reads them through IPC and changes settings with a `SettingsPatch`. Zod only: this
 * file is imported by the renderer too.
 */

export const SCHEDULE_INTERVALS = ['off', 'hourly', 'daily', 'weekly'] as const;
export type ScheduleInterval = (typeof SCHEDULE_INTERVALS)[number];

/** 'system' follows the desktop's light or dark preference; the others pin one theme. */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** How the editor shows a note: the Markdown text, the text beside the formatted note, or the formatted note alone. */
export const EDITOR_LAYOUTS = ['edit', 'split', 'read'] as const;
export type EditorLayout = (typeof EDITOR_LAYOUTS)[number];

export const KEEP_LAST_LIMITS = { min: 1, max: 1000, default: 10 } as const;

/** A destination's size cap for its backups, in megabytes (absent or null: no cap). */
export const BACKUP_CAP_LIMITS = { min: 10, max: 100_000_000 } as const;

/** How often restore drills run (docs/backup-pipeline.md, "Restore drills"); absent means weekly. */
export const DRILL_INTERVALS = ['off', 'daily', 'weekly', 'monthly'] as const;
export type DrillInterval = (typeof DRILL_INTERVALS)[number];
export const DEFAULT_DRILL_INTERVAL: DrillInterval = 'weekly';

/** The backup folder plus at most this many more destinations, each with its own retention. */
export const MAX_DESTINATIONS = 3;
/** The id of the backup folder (`backupFolder`) among the destinations. */
export const PRIMARY_DESTINATION_ID = 'primary';

/** The cap on all kept versions of notes together (their history), in megabytes. */
export const HISTORY_CAP_LIMITS = { min: 1, max: 100_000, default: 100 } as const;

/** Long enough for any real path (Windows long paths are 32767 UTF-16 units). */
const BACKUP_FOLDER_MAX_CHARS = 32_767;

const backupFolder = z
  .string({ error: 'The backup folder must be a path (text) or null.' })
  .min(1, { error: 'The backup folder cannot be an empty path; use null for "not chosen yet".' })
  .max(BACKUP_FOLDER_MAX_CHARS, { error: 'The backup folder path is too long.' })
  .nullable();

/** An extra destination's id: made by main when the folder is added, never by the renderer. */
const destinationId = z
  .string()
  .regex(/^d[0-9a-f]{8}$/, { error: 'A destination id is "d" and 8 hex digits.' });

/** Any destination's id: the backup folder's ('primary') or an extra destination's (the backup catalogue's keys). */
export const destinationIdSchema = z.union([z.literal(PRIMARY_DESTINATION_ID), destinationId]);

const capMegabytes = z
  .number({ error: 'capMegabytes must be a number or null.' })
  .int({ error: 'capMegabytes must be a whole number.' })
  .min(BACKUP_CAP_LIMITS.min, { error: `capMegabytes must be at least ${BACKUP_CAP_LIMITS.min}.` })
  .max(BACKUP_CAP_LIMITS.max, { error: `capMegabytes can be at most ${BACKUP_CAP_LIMITS.max}.` })
  .nullable();

const drillSchedule = z.enum(DRILL_INTERVALS, {
  error: `The restore drill schedule must be one of ${DRILL_INTERVALS.join(', ')}.`,
});

const schedule = z.enum(SCHEDULE_INTERVALS, {
  error: `The schedule must be one of ${SCHEDULE_INTERVALS.join(', ')}.`,
});

const theme = z.enum(THEME_CHOICES, {
  error: `The theme must be one of ${THEME_CHOICES.join(', ')}.`,
});

const editorLayout = z.enum(EDITOR_LAYOUTS, {
  error: `The editor layout must be one of ${EDITOR_LAYOUTS.join(', ')}.`,
});

const keepLast = z
  .number({ error: 'keepLast must be a number.' })
  .int({ error: 'keepLast must be a whole number.' })
  .min(KEEP_LAST_LIMITS.min, { error: `keepLast must be at least ${KEEP_LAST_LIMITS.min}.` })
  .max(KEEP_LAST_LIMITS.max, { error: `keepLast can be at most ${KEEP_LAST_LIMITS.max}.` });

const historyMaxMegabytes = z
  .number({ error: 'historyMaxMegabytes must be a number.' })
  .int({ error: 'historyMaxMegabytes must be a whole number.' })
  .min(HISTORY_CAP_LIMITS.min, { error: `historyMaxMegabytes must be at least ${HISTORY_CAP_LIMITS.min}.` })
  .max(HISTORY_CAP_LIMITS.max, { error: `historyMaxMegabytes can be at most ${HISTORY_CAP_LIMITS.max}.` });

const flag = (name: string) => z.boolean({ error: `${name} must be true or false.` });

export const retentionSchema = z.object({
  /** How many of the newest manual and scheduled backups are always kept. */
  keepLast,
  /** Also keep the newest backup of each of the last 7 days and of each of the last `keepLast` weeks. */
  thinDailyWeekly: flag('thinDailyWeekly'),
  /**
   * The most this destination's backups may take together, in megabytes; past it the oldest go
   * first, within the safety rules (src-main/schedule/retention.ts). Absent or null: no cap.
   */
  capMegabytes: capMegabytes.optional(),
});

/** A destination besides the backup folder: backups are copied there and checked (src-main/destinations/). */
export const extraDestinationSchema = z.object({
  id: destinationId,
  folder: backupFolder.unwrap(),
  retention: retentionSchema,
});
export type ExtraDestination = z.infer<typeof extraDestinationSchema>;

/** The operating system's scheduler runs backups while NoteVault is closed (src-main/os-schedule/). */
export const backupWhileClosedSchema = z.object({
  enabled: flag('backupWhileClosed.enabled'),
  /** Windows only: the task runs whether or not the person is logged on (they chose so). */
  whenLoggedOff: flag('backupWhileClosed.whenLoggedOff'),
});
export type BackupWhileClosed = z.infer<typeof backupWhileClosedSchema>;

/** Unknown members are dropped (z.object strips them): a newer NoteVault may add settings. */
export const settingsSchema = z.object({
  /** Where backups go; null until the user picks a folder. */
  backupFolder,
  schedule,
  retention: retentionSchema,
  /** Closing the window keeps NoteVault running in the tray, so scheduled backups still happen. */
  closeToTray: flag('closeToTray'),
  startAtLogin: flag('startAtLogin'),
  /** Failures are always notified; successes only when asked for. */
  notifyOnSuccess: flag('notifyOnSuccess'),
  /** The window's colours: the system's choice unless the person picked one in Settings. */
  theme,
  /**
   * The first-run welcome was closed with "Not now" or its setup finished: it is not shown
   * again. Absent (as in every file written before it existed) means not dismissed.
   */
  welcomeDismissed: flag('welcomeDismissed').optional(),
  /**
   * How large notes' history may grow, all versions together; past it the oldest versions go
   * first. Absent (every file written before it existed) means HISTORY_CAP_LIMITS.default.
   */
  historyMaxMegabytes: historyMaxMegabytes.optional(),
  /** The editor's layout, as last chosen in its bar. Absent (files from before it existed) means 'edit'. */
  editorLayout: editorLayout.optional(),
  /** Destinations besides backupFolder (added in main through its folder dialog). Absent means none. */
  extraDestinations: z
    .array(extraDestinationSchema)
    .max(MAX_DESTINATIONS - 1)
    .optional(),
  /** How often restore drills run. Absent means DEFAULT_DRILL_INTERVAL. */
  drillSchedule: drillSchedule.optional(),
  /** Absent means off. */
  backupWhileClosed: backupWhileClosedSchema.optional(),
});

export type RetentionPolicy = z.infer<typeof retentionSchema>;
export type Settings = z.infer<typeof settingsSchema>;

/**
 * Defaults depend on the platform (`process.platform` in main): on Windows a closed window
 * usually means "keep running in the notification area", elsewhere it means quit (macOS keeps
 * the app in the dock anyway, Linux trays are unreliable across desktops).
 */
export function defaultSettings(platform: string): Settings {
  return {
    backupFolder: null,
    schedule: 'off',
    retention: { keepLast: KEEP_LAST_LIMITS.default, thinDailyWeekly: false },
    closeToTray: platform === 'win32',
    startAtLogin: false,
    notifyOnSuccess: false,
    theme: 'system',
  };
}

/**
 * What the renderer sends to change settings: any subset, retention members included. Never a
 * path: the backup folder is chosen only in the main process (its folder dialog, the CLI's
 * flags), so a compromised renderer cannot point backups, deletes or "show in folder" elsewhere.
 */
const retentionPatch = z.strictObject({
  keepLast: keepLast.optional(),
  thinDailyWeekly: flag('thinDailyWeekly').optional(),
  capMegabytes: capMegabytes.optional(),
});
type RetentionPatch = z.infer<typeof retentionPatch>;

export const settingsPatchSchema = z
  .strictObject(
    {
      schedule: schedule.optional(),
      retention: retentionPatch.optional(),
      /** The retention of one extra destination, named by its id (never its folder). */
      destinationRetention: z.strictObject({ id: destinationId, retention: retentionPatch }).optional(),
      drillSchedule: drillSchedule.optional(),
      backupWhileClosed: backupWhileClosedSchema.optional(),
      closeToTray: flag('closeToTray').optional(),
      startAtLogin: flag('startAtLogin').optional(),
      notifyOnSuccess: flag('notifyOnSuccess').optional(),
      theme: theme.optional(),
      welcomeDismissed: flag('welcomeDismissed').optional(),
      historyMaxMegabytes: historyMaxMegabytes.optional(),
      editorLayout: editorLayout.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' && issue.keys.includes('backupFolder')
          ? 'The backup folder cannot be changed this way; choose it with "Choose folder" in Settings.'
          : undefined,
    },
  )
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    error: 'A settings change must change at least one setting.',
  });

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** The history's cap in bytes (historyMaxMegabytes, or its default when the file has none). */
export function historyCapBytes(settings: Settings): number {
  return (settings.historyMaxMegabytes ?? HISTORY_CAP_LIMITS.default) * 1024 * 1024;
}

/** The settings after a (parsed) patch; members the patch leaves out keep their values. */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const { retention, destinationRetention, ...rest } = patch;
  const next: Settings = { ...settings, retention: patchRetention(settings.retention, retention) };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  if (destinationRetention !== undefined) {
    const { id } = destinationRetention;
    const extras = settings.extraDestinations ?? [];
    if (!extras.some((destination) => destination.id === id)) {
      throw new NoteVaultError(
        'VALIDATION',
        'That backup destination is no longer in Settings; reopen Settings and try again.',
      );
    }
    next.extraDestinations = extras.map((destination) =>
      destination.id === id
        ? { ...destination, retention: patchRetention(destination.retention, destinationRetention.retention) }
        : destination,
    );
  }
  return next;
}

function patchRetention(policy: RetentionPolicy, patch: RetentionPatch | undefined): RetentionPolicy {
  const next = { ...policy };
  if (patch?.keepLast !== undefined) next.keepLast = patch.keepLast;
  if (patch?.thinDailyWeekly !== undefined) next.thinDailyWeekly = patch.thinDailyWeekly;
  if (patch?.capMegabytes !== undefined) next.capMegabytes = patch.capMegabytes;
  return next;
}

/** One place backups are kept: the backup folder ('primary') or an extra destination. */
export interface BackupDestination {
  id: string;
  folder: string;
  retention: RetentionPolicy;
}

/** Every destination, the backup folder first; none while no backup folder is chosen. */
export function backupDestinations(settings: Settings): BackupDestination[] {
  if (settings.backupFolder === null) return [];
  return [
    { id: PRIMARY_DESTINATION_ID, folder: settings.backupFolder, retention: settings.retention },
    ...(settings.extraDestinations ?? []),
  ];
}

/** The drill schedule, its default filled in. */
export function drillInterval(settings: Settings): DrillInterval {
  return settings.drillSchedule ?? DEFAULT_DRILL_INTERVAL;
}

// ---- Backup runs (backup-state.json): written by the main process only, shown by the UI. ----

/** Runs the user sees in the status: the safety backup before a restore is not one of them. */
export type BackupRunKind = 'manual' | 'scheduled';

/**
 * Where in the app the person fixes a failure, when one place is the fix: 'settings' for a run
 * with no backup folder, or a scheduled run whose saved key is missing or cannot be unlocked
 * (turn the schedule off and on there). The UI offers a button to that place, keyed on this
 * rather than on the sentence.
 */
export type FailureRemedy = 'settings';

/** One finished backup attempt. Times are milliseconds since the Unix epoch (UTC). */
export interface BackupRunRecord {
  kind: BackupRunKind;
  /** When the attempt started; for a success, the backup's creation time. */
  startedAt: number;
  finishedAt: number;
  ok: boolean;
  /** The backup file (full path) of a success; null for a failure. */
  file: string | null;
  /** Notes in the backup of a success; null for a failure. */
  noteCount: number | null;
  /** For a failure, what went wrong and what to do, in one sentence (error-catalogue.ts); null for a success. */
  message: string | null;
  /**
   * For a failure, the technical text behind the sentence (file, cause), at most
   * MAX_ERROR_DETAILS_CHARS, shown behind a "Details" disclosure. Absent for a success, and in
   * runs recorded before NoteVault kept it.
   */
  details?: string;
  /** For a failure fixed in one place in the app, that place; absent otherwise. */
  remedy?: FailureRemedy;
}

/** What the UI shows about backups: the last attempt, the last success, and recent successes. */
export interface BackupStatus {
  lastRun: BackupRunRecord | null;
  /** The newest success of any kind; a manual success counts for the schedule too. */
  lastSuccess: BackupRunRecord | null;
  /** Successful runs, newest first (a bounded list), for the health checks and retention. */
  recentSuccesses: BackupRunRecord[];
}

import { z } from 'zod';

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

/** The cap on all kept versions of notes together (their history), in megabytes. */
export const HISTORY_CAP_LIMITS = { min: 1, max: 100_000, default: 100 } as const;

/** Long enough for any real path (Windows long paths are 32767 UTF-16 units). */
const BACKUP_FOLDER_MAX_CHARS = 32_767;

const backupFolder = z
  .string({ error: 'The backup folder must be a path (text) or null.' })
  .min(1, { error: 'The backup folder cannot be an empty path; use null for "not chosen yet".' })
  .max(BACKUP_FOLDER_MAX_CHARS, { error: 'The backup folder path is too long.' })
  .nullable();

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
});

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
export const settingsPatchSchema = z
  .strictObject(
    {
      schedule: schedule.optional(),
      retention: z
        .strictObject({ keepLast: keepLast.optional(), thinDailyWeekly: flag('thinDailyWeekly').optional() })
        .optional(),
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
  const { retention, ...rest } = patch;
  const next: Settings = { ...settings, retention: { ...settings.retention } };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  if (retention?.keepLast !== undefined) next.retention.keepLast = retention.keepLast;
  if (retention?.thinDailyWeekly !== undefined) next.retention.thinDailyWeekly = retention.thinDailyWeekly;
  return next;
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

import type { SerializedError } from '../errors';
import type { IpcChannelName } from './names';

/**
 * How often the renderer may call each channel that changes something: a token bucket of
 * `burst` calls, refilled at `perSecond`, enforced in the router (src-main/ipc/router.ts). A
 * compromised renderer could otherwise create notes in a loop, each within its payload cap
 * (payload-limits.ts), until the disk is full. `null`: a read (or a cancel), never limited.
 *
 * Sized far above what a person does: autosave sends one notes:update per pause in typing
 * (useAutosave's 400 ms debounce, so at most 2.5 a second per open note), paging and search are
 * reads, and a click is one call. A held arrow key in a number field repeats ~30 times a second:
 * such fields save once the value settles (useSettledSave), so holding it is one call too. A refusal says to wait a moment; nothing is queued.
 */
export interface RateLimit {
  /** Calls allowed at once, after a quiet spell. */
  burst: number;
  /** Calls allowed per second, sustained. */
  perSecond: number;
}

const EDITING: RateLimit = { burst: 60, perSecond: 20 };
const CLICKS: RateLimit = { burst: 30, perSecond: 5 };
const JOBS: RateLimit = { burst: 10, perSecond: 1 };

export const IPC_RATE_LIMITS: { readonly [C in IpcChannelName]: RateLimit | null } = {
  'notes:list': null,
  'notes:get': null,
  // Each create may carry a body of up to NOTE_LIMITS.bodyMaxBytes: this is the disk-filling one.
  'notes:create': { burst: 20, perSecond: 2 },
  'notes:update': EDITING,
  'notes:search': null,
  'notes:trash': EDITING,
  'notes:restore': EDITING,
  'notes:purge': CLICKS,
  'notes:emptyTrash': CLICKS,
  // Once per new note left blank: a click or a shortcut.
  'notes:discardEmpty': CLICKS,
  'notes:count': null,
  'settings:get': null,
  'settings:update': CLICKS,
  'settings:chooseBackupFolder': JOBS,
  // Each opens main's folder dialog or rewrites the settings file: clicks.
  'settings:addDestination': JOBS,
  'settings:removeDestination': CLICKS,
  // Stats every destination folder; the window asks when Settings opens.
  'destinations:status': null,
  // Copies a whole backup per destination.
  'destinations:catchUp': JOBS,
  'schedule:keychainStatus': null,
  'schedule:enable': JOBS,
  'schedule:disable': JOBS,
  'schedule:status': null,
  // Asks the OS scheduler (schtasks /Query on Windows): clicks, not a loop.
  'osSchedule:status': CLICKS,
  'backups:list': null,
  'backups:verify': JOBS,
  'backups:delete': CLICKS,
  'backups:showInFolder': JOBS,
  // A read: lists one destination's folder and lstats NoteVault's files there.
  'backups:retentionPreview': null,
  'browse:open': JOBS,
  'browse:list': null,
  'browse:search': null,
  'browse:get': null,
  'browse:bringBack': CLICKS,
  'browse:close': null,
  'backup:getFolder': null,
  // A read: counts notes and stats the database file.
  'backup:plan': null,
  'backup:create': JOBS,
  'backup:cancel': null,
  'restore:chooseFile': JOBS,
  'restore:fromBackupsFolder': CLICKS,
  'restore:preview': JOBS,
  'restore:run': JOBS,
  'tags:list': null,
  'tags:ofNote': null,
  // One chip added or removed per click or Enter.
  'tags:add': CLICKS,
  'tags:remove': CLICKS,
  'tags:rename': CLICKS,
  'tags:delete': CLICKS,
  'versions:list': null,
  'versions:get': null,
  // Each restore keeps a version of the current text too: a click, not a loop.
  'versions:restore': CLICKS,
  // A click on a link; each opens a browser tab or mail window, so a page must not loop it.
  'links:open': CLICKS,
  // Each add may carry up to ATTACHMENT_LIMITS.maxBytes: as notes:create, a burst for a drop of
  // many files, then 2 a second.
  'attachments:add': { burst: 20, perSecond: 2 },
  // Reads of attachments some note already refers to (drawn as the note is shown).
  'attachments:info': null,
  'attachments:read': null,
  // Opens a native dialog.
  'attachments:saveCopy': JOBS,
  // Each opens a native dialog and may start a job in the worker: a click, never a loop.
  'transfer:import': JOBS,
  'transfer:export': JOBS,
  'transfer:cancel': null,
  'transfer:undoImport': CLICKS,
  // Reads the headers of the backups in the folder (no key work).
  'recoveryCode:status': null,
  // Each opens main's confirmation or writes backup-keys.json: a click, never a loop.
  'recoveryCode:create': JOBS,
  'recoveryCode:revoke': JOBS,
  // Opens main's confirmation, then Argon2id and a header rewrite per backup: a job.
  'passkey:change': JOBS,
  'passkey:cancel': null,
  'drills:status': null,
  // A full restore into a private sandbox per backup tested: a job.
  'drills:runNow': JOBS,
  'drills:cancel': null,
  // A read: the settings, the history and the catalogue in memory, each destination's folder stat'ed.
  'health:report': null,
};

/**
 * The refusal: a sentence a person can act on, and the channel and its rate as details (a
 * person clicking at human speed never meets it; a runaway or hostile window does).
 */
export function rateLimitedError(channel: IpcChannelName): SerializedError {
  const limit = IPC_RATE_LIMITS[channel];
  const rate = limit === null ? '' : ` (more than ${limit.perSecond} a second)`;
  return {
    code: 'RATE_LIMITED',
    message: 'NoteVault received that request too many times in a row: wait a moment, then try again.',
    details: `${channel} arrived too fast${rate}`,
  };
}

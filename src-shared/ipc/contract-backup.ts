import { z } from 'zod';
import { returns } from './returns';
import {
  BOTH_WAYS_IN_MESSAGE,
  NO_WAY_IN_MESSAGE,
  notBothWaysIn,
  passkeyField,
  recoveryCodeField,
  someWayIn,
} from './way-in';
import type { BackupPhaseSeconds, JobPhase, JobProgressEvent } from '../job-progress';

/**
 * Making a backup and restoring one from the app window. Spread into `ipcRequests` /
 * `ipcEvents` in contract.ts; see that file for the conventions.
 *
 * The renderer never names a path: folders and files come from native dialogs the main
 * process opens, a chosen restore file is referred to by an opaque token the main process
 * handed out, and a finished backup by its file name inside the remembered folder.
 *
 * The folder is chosen with `settings:chooseBackupFolder` and a finished backup shown with
 * `backups:showInFolder` (contract-schedule.ts): one channel each, whichever view asks.
 */

const passkey = passkeyField;

const token = z
  .string({ error: 'The chosen backup file must be named by its token.' })
  .min(1, { error: 'Choose a backup file first.' })
  .max(100, { error: 'This does not look like a token for a chosen backup file.' });

const fileName = z
  .string({ error: 'A backup file name must be text.' })
  .min(1, { error: 'A backup file name cannot be empty.' })
  .max(255, { error: 'A backup file name is at most 255 characters.' })
  .refine((name) => !/[/\\]/.test(name) && name !== '.' && name !== '..', {
    error: 'A backup file name is a name inside the backup folder, without any folder part.',
  });

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

export type { JobPhase, JobProgressEvent };

export interface BackupFolderState {
  /** Where the Backup button writes; null until a folder was chosen. */
  folder: string | null;
  /** True while a backup, preview or restore started from the window runs. */
  busy: boolean;
}

/** What a backup made now would hold, where it would go and how long it would take: shown before it starts. */
export interface BackupPlan {
  /** Every note the backup holds: those in the list and those in the trash. */
  noteCount: number;
  /** Of `noteCount`, how many are in the trash. */
  trashedCount: number;
  /** The database's size on disk (with its write-ahead log): roughly the backup's size. */
  databaseBytes: number;
  /** The backup folder, or null until one was chosen. */
  folder: string | null;
  /** The name the file will get (a backup in the same second gets "-2" added). */
  fileName: string;
  /** The whole backup, in whole seconds, at least 1. */
  estimatedSeconds: number;
  /** Expected seconds per phase: the weights of the dialog's one progress bar. */
  phaseSeconds: BackupPhaseSeconds;
  /** Why backup:create would be refused now (no notes to back up), or null. */
  refusal: string | null;
}

export interface BackupCreated {
  fileName: string;
  folder: string;
  /** Bytes of the encrypted file. */
  size: number;
  noteCount: number;
  /** ISO 8601 UTC, as stored in the backup. */
  createdAt: string;
}

/** What deriving a backup's key will take, estimated from its header before it starts. */
export interface OpeningCost {
  /** Whole seconds, at least 1. */
  seconds: number;
  /** Argon2id's memory, in MiB (1024 x 1024 bytes). */
  memoryMiB: number;
}

export interface ChosenRestoreFile {
  /** Names this file in previewRestore and restore; valid until another file is chosen. */
  token: string;
  fileName: string;
  folder: string;
  size: number;
  /**
   * Read from the file's cleartext header when it was chosen: set when opening it takes more
   * time or memory than a backup NoteVault makes, so the window can say so before the
   * preview starts; null otherwise (also when the header cannot be read: the preview then
   * says why).
   */
  openingCost: OpeningCost | null;
}

export interface RestorePreviewNote {
  id: string;
  title: string;
}

export interface RestorePreviewList {
  count: number;
  /** Up to a few hundred notes, by title; `count` is the full number. */
  notes: RestorePreviewNote[];
}

/** What a backup holds besides its notes (0 for what its schema version did not have yet). */
export interface BackupContents {
  tags: number;
  attachments: number;
  /** The attachments' bytes together. */
  attachmentBytes: number;
  /** Kept versions of notes (their history). */
  versions: number;
}

export interface RestorePreviewView {
  fileName: string;
  createdAt: string;
  noteCount: number;
  /** Tags, attachments and kept versions inside, which a restore brings back with the notes. */
  alsoInside: BackupContents;
  appVersion: string;
  schemaVersion: number;
  kind: 'manual' | 'scheduled' | 'before-restore';
  comeBack: RestorePreviewList;
  disappear: RestorePreviewList;
  change: RestorePreviewList;
  unchanged: number;
  /**
   * The file's passkey was stretched with less Argon2id work than NoteVault's default, so it
   * is weakly protected; the safety backup of the current notes gets the default anyway.
   */
  cheaperKeyThanDefault: boolean;
  /**
   * True when a passkey is kept beside the notes (backup-keys.json): the copy of the current
   * notes made before the restore is written for its public key (and the recovery code's), so
   * `restore:run` needs no passkey for it. Otherwise the window asks for the person's own
   * passkey (`safetyPasskey`) or their word that it is this file's one.
   */
  safetyKeyIsKept: boolean;
  /**
   * The one request `restore:run` accepts for this file: bound to the bytes just previewed,
   * valid for ten minutes and for one restore.
   */
  restoreToken: string;
}

export interface RestoreDone {
  restoredNotes: number;
  /** Tags, attachments and kept versions that came back with the notes. */
  restoredAlso: BackupContents;
  /** Restored notes whose replaced text is kept as a 'before-restore' version in their history. */
  keptInHistory: number;
  /** The before-restore backup of the notes that were replaced (a file name in `safetyFolder`), or null. */
  safetyBackup: string | null;
  safetyFolder: string;
}

// The backup's passkey, or its recovery code instead (way-in.ts): exactly one.
const byToken = z
  .strictObject({ token, passkey: passkey.optional(), recoveryCode: recoveryCodeField.optional() })
  .refine(notBothWaysIn, { error: BOTH_WAYS_IN_MESSAGE })
  .refine(someWayIn, { error: NO_WAY_IN_MESSAGE });

export const backupRequests = {
  'backup:getFolder': { args: noArguments, returns: returns<BackupFolderState>() },
  /** What a backup would hold, where and how long, before the person starts it. A read. */
  'backup:plan': { args: noArguments, returns: returns<BackupPlan>() },
  'backup:create': { args: z.strictObject({ passkey }), returns: returns<BackupCreated>() },
  /** Asks the running backup, preview or restore to stop; false when nothing was running. */
  'backup:cancel': { args: noArguments, returns: returns<boolean>() },
  /** Opens the native file picker; null when the person cancelled. */
  'restore:chooseFile': { args: noArguments, returns: returns<ChosenRestoreFile | null>() },
  /** Chooses backup `name` in the backup folder (the backups view's Restore button), like chooseFile. */
  'restore:fromBackupsFolder': {
    args: z.strictObject({ name: fileName }),
    returns: returns<ChosenRestoreFile>(),
  },
  'restore:preview': { args: byToken, returns: returns<RestorePreviewView>() },
  /**
   * Only with the `restoreToken` of a preview: no restore replaces the notes unseen. The copy of
   * the current notes made first is encrypted under the sealed key of scheduled backups when they
   * are on; otherwise under `safetyPasskey` (the person's own, as strong as a new backup's), or
   * under `passkey` only when the person said it is the same one (`safetySamePasskey`). Without
   * either, a restore over existing notes is refused: never the restored file's key by default.
   */
  'restore:run': {
    args: z
      .strictObject({
        restoreToken: z
          .string({ error: 'Preview the backup before restoring it.' })
          .min(1, { error: 'Preview the backup before restoring it.' })
          .max(100, { error: 'This does not look like a token from a restore preview.' }),
        // What the preview was opened with: the passkey, or the recovery code instead.
        passkey: passkey.optional(),
        recoveryCode: recoveryCodeField.optional(),
        safetyPasskey: passkey.optional(),
        safetySamePasskey: z.boolean({ error: 'safetySamePasskey must be true or false.' }).optional(),
      })
      .refine(notBothWaysIn, { error: BOTH_WAYS_IN_MESSAGE })
      .refine(someWayIn, { error: NO_WAY_IN_MESSAGE })
      .refine((args) => !(args.safetySamePasskey === true && args.passkey === undefined), {
        error: 'A recovery code is not a passkey: enter your passkey for the copy of your current notes.',
      })
      .refine((args) => !(args.safetySamePasskey === true && args.safetyPasskey !== undefined), {
        error:
          'Either enter your passkey for the copy of your current notes or say it is the same one, not both.',
      }),
    returns: returns<RestoreDone>(),
  },
} as const;

export const backupEvents = {
  'backup:didProgress': returns<JobProgressEvent>(),
  'restore:didProgress': returns<JobProgressEvent>(),
  /** The live database was replaced; `notes:didChange` follows. */
  'restore:didReplaceDatabase': returns<{ restoredNotes: number }>(),
} as const;

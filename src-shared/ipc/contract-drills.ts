import { z } from 'zod';
import type { DrillInterval } from '../settings';
import { returns } from './returns';
import { BOTH_WAYS_IN_MESSAGE, notBothWaysIn, passkeyField, recoveryCodeField } from './way-in';

/**
 * Restore drills: a full restore of backups into a private sandbox, checked against what each
 * backup carries (src-main/drills/, docs/backup-pipeline.md "Restore drills: when and which").
 * Spread into `ipcRequests` / `ipcEvents` in contract.ts. The window never names a backup or a
 * folder: main picks the backups (the newest and one older at random per destination).
 */

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

/**
 * "Test a restore now": the passkey or the recovery code (bounded as restore's are) tests any
 * backup; neither tests only those this device's key opens.
 */
const runNowArgs = z
  .strictObject({ passkey: passkeyField.optional(), recoveryCode: recoveryCodeField.optional() })
  .refine(notBothWaysIn, { error: BOTH_WAYS_IN_MESSAGE })
  .optional();

/** One backup's copy in one destination, as one drill found it. Times are epoch ms. */
export interface DrillOutcomeView {
  name: string;
  /** 'primary' for the backup folder, else the extra destination's id. */
  destinationId: string;
  /**
   * passed: restored and identical to what was backed up; failed: the backup itself is damaged,
   * changed or gone (kept in the catalogue, notified); not-tested: it could not be tried (its
   * key was not at hand, the sandbox had no space), which says nothing about the backup.
   */
  outcome: 'passed' | 'failed' | 'not-tested';
  noteCount: number | null;
  attachmentCount: number | null;
  /** For failed and not-tested, one sentence naming the file and what happened; null when passed. */
  message: string | null;
  details?: string;
  at: number;
}

/** One run of drills, scheduled or asked for from the window. */
export interface DrillRunView {
  trigger: 'schedule' | 'window';
  startedAt: number;
  finishedAt: number;
  outcomes: DrillOutcomeView[];
  /**
   * Why the run ended before testing every backup it picked: 'gave-way' to a job the person
   * started (it runs again later), 'cancelled' by drills:cancel; null when it tested them all.
   */
  stopped: 'gave-way' | 'cancelled' | null;
}

export interface DrillsStatus {
  schedule: DrillInterval;
  /** When the newest drill finished (from the catalogue), or null when none has run. */
  lastRunAt: number | null;
  /** When the next scheduled drill starts; null when the schedule is off. */
  nextRunAt: number | null;
  running: boolean;
  /** The last run since NoteVault started, or null. */
  lastRun: DrillRunView | null;
}

export const drillsRequests = {
  'drills:status': { args: noArguments, returns: returns<DrillsStatus>() },
  /** Runs the drills now; refused with BUSY while another job or drill runs. */
  'drills:runNow': { args: runNowArgs, returns: returns<DrillRunView>() },
  /** Stops a running drill (its worker wipes the sandbox); nothing when none runs. */
  'drills:cancel': { args: noArguments, returns: returns<void>() },
} as const;

export const drillsEvents = {
  /** A drill run ended (scheduled or from the window), whatever its outcome. */
  'drills:didFinish': returns<DrillRunView>(),
} as const;

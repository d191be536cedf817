import { z } from 'zod';
import { returns } from './returns';

/**
 * health:* — the health centre (issue #17): one report on the backups, built in main from the
 * settings, the backup history, the backup catalogue, the destinations and retention
 * (src-main/health/). The Health view and the tray show the same report. Spread into
 * `ipcRequests` / `ipcEvents` in contract.ts.
 */

export type HealthSeverity = 'ok' | 'warning' | 'problem';

/** What fixes an item; the window maps each kind to one existing channel or view. */
export type HealthActionKind =
  'back-up-now' | 'open-settings' | 'run-drill' | 'catch-up' | 'choose-folder' | 'review-retention';

export interface HealthAction {
  kind: HealthActionKind;
  /** The button's text, e.g. "Back up now". */
  label: string;
}

export interface HealthItem {
  /** Stable per rule and destination (e.g. "destination-missing:d0a1b2c3d"): the view's key. */
  id: string;
  severity: HealthSeverity;
  /** A few words: "Backup folder", "Restore test". */
  title: string;
  /** One sentence: what happened and what to do. */
  message: string;
  /** The technical text behind the sentence (file, cause), for a "Details" disclosure. */
  details?: string;
  action?: HealthAction;
}

export interface HealthReport {
  /** When main built it (epoch ms): "2 days ago" in the messages is relative to this. */
  at: number;
  /** The worst severity among the items ('ok' when there are none). */
  worst: HealthSeverity;
  /** One line for the tray's tooltip: the worst problem, or the last verified restore. */
  summary: string;
  /** Problems first, then warnings, then what is fine. */
  items: HealthItem[];
}

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

export const healthRequests = {
  'health:report': { args: noArguments, returns: returns<HealthReport>() },
} as const;

export const healthEvents = {
  /** Anything the report is built from changed (a run, a copy, a drill, settings, a destination). */
  'health:didChange': returns<HealthReport>(),
} as const;

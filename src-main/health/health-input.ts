/**
 * What the health report is built from, as plain facts: each source (the backup history, the
 * backup catalogue, the destinations' status, retention's plan) is read by HealthService and
 * passed in, so every rule is a pure function tested without files or timers. The shapes are
 * the parts of those sources the rules read (CatalogueEntry/CopyRecord/DrillRecord in
 * src-main/settings/backup-catalogue.ts, the destinations' status, retention's overCap).
 */
import type { BackupStatus, Settings } from '../../src-shared/settings';

/** One restore drill of one backup in one destination. */
export interface DrillFact {
  at: number;
  ok: boolean;
  noteCount: number | null;
  /** For a failure: the sentence naming the file and what failed. */
  message: string | null;
  details?: string;
}

/** One backup's copy in one destination. */
export interface CopyFact {
  state: 'verified' | 'pending' | 'failed' | 'missing';
  at: number;
  message?: string;
  details?: string;
  lastDrill?: DrillFact;
}

/** One backup NoteVault wrote, as its catalogue keeps it. */
export interface CatalogueFact {
  name: string;
  /** ISO 8601. */
  createdAt: string;
  noteCount: number;
  /** The device key opens it, so unattended drills can test it. */
  openWithDevice: boolean;
  /** Per destination id. */
  copies: Readonly<Record<string, CopyFact>>;
}

/** A destination as main last saw it. */
export interface DestinationFact {
  id: string;
  reachable: boolean;
  /** Why it cannot be reached (the technical side goes to `details`). */
  problem?: string | null;
  details?: string;
  /** Bytes of NoteVault's backups there, when measured. */
  usageBytes?: number | null;
}

/** Retention's plan for one destination: what it keeps and whether that is still over the cap. */
export interface RetentionFact {
  destinationId: string;
  keptBytes: number;
  capBytes: number | null;
  /** Only protected backups remain and they alone exceed the cap. */
  overCap: boolean;
}

export interface HealthInput {
  settings: Readonly<Settings>;
  status: BackupStatus;
  /** Null while the app keeps no catalogue (no drill or copy facts then). */
  catalogue: readonly CatalogueFact[] | null;
  /** Null when the destinations' status is not known. */
  destinations: readonly DestinationFact[] | null;
  retention: readonly RetentionFact[] | null;
  /** The fixes this app can run from the Health view; an item offers only those. */
  can: { runDrill: boolean; catchUp: boolean };
}

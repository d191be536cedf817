/**
 * Restore drills on a schedule and on demand (docs/backup-pipeline.md, "Restore drills: when
 * and which").
 *
 * When: the drill schedule (drillInterval(settings), weekly by default) counts from the newest
 * drill the catalogue holds, so a restart neither repeats nor skips one; a drill missed while the
 * app was closed runs once, after a start-up grace. Which: pick-drill-targets.ts. How: each
 * target is drilled in the job worker at low priority (JobGate.runLowPriority): a job the person
 * starts cancels it, and the run is tried again RETRY_AFTER_GIVING_WAY_MS later.
 *
 * What is kept: only a verdict on the backup itself goes into the catalogue (passed, or failed
 * because the file is damaged, changed or gone); a drill that could not be tried (no key at hand,
 * no space for the sandbox) is reported but says nothing about the backup, so it never marks one
 * as failed, which retention and health would act on. A failure is notified once per run.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import type { DrillOutcomeView, DrillRunView, DrillsStatus } from '../../src-shared/ipc/contract-drills';
import { backupDestinations, drillInterval } from '../../src-shared/settings';
import type { DrillInterval, Settings } from '../../src-shared/settings';
import { forgetKeySource } from '../backup/passkey-or-key';
import type { KeySource } from '../backup/passkey-or-key';
import type { SchedulerClock } from '../schedule/scheduler-types';
import type { BackupCatalogue } from '../settings/backup-catalogue';
import { newestDrill } from '../settings/backup-catalogue';
import type { SettingsChange } from '../settings/settings-store';
import { keySourceFromWayIn } from '../app/way-in-source';
import type { WayInText } from '../app/way-in-source';
import { FILE_VERDICTS, KEY_ERRORS, asNoteVaultError, failureNotice } from './drill-outcomes';
import { pickDrillTargets } from './pick-drill-targets';
import type { DrillTarget } from './pick-drill-targets';

/** What a drill job takes (the shape of drill-backup.ts's DrillRequest). */
export interface DrillJobRequest {
  file: string;
  expected?: { size: number; fileSha256: string; createdAt?: string };
  keySource: KeySource;
  tempParent?: string;
  nativeBinding?: string;
}

/** What a drill job answers (the members of drill-backup.ts's DrillResult used here). */
export interface DrillJobResult {
  noteCount: number;
  attachmentCount: number;
}

export const DRILL_INTERVAL_MS: Record<Exclude<DrillInterval, 'off'>, number> = {
  daily: 24 * 60 * 60_000,
  weekly: 7 * 24 * 60 * 60_000,
  monthly: 30 * 24 * 60 * 60_000,
};
/** After the app starts: let it settle, and let a missed scheduled backup go first. */
export const DRILL_START_GRACE_MS = 5 * 60_000;
/** After giving way to a person's job, or finding one running when due. */
export const RETRY_AFTER_GIVING_WAY_MS = 15 * 60_000;
/** With nothing to drill yet (no backup catalogued): look again this much later. */
export const NOTHING_TO_DRILL_RECHECK_MS = 60 * 60_000;
/** The longest single timer; beyond it the service wakes up and re-reads the clock (sleep, clock changes). */
export const DRILL_MAX_ARM_MS = 60 * 60_000;

export interface DrillServiceDeps {
  settings: {
    get(): Readonly<Settings>;
    onDidChange(listener: (change: SettingsChange) => void): () => void;
  };
  catalogue: BackupCatalogue;
  /** One drill in the job worker at low priority: `jobs.runLowPriority({ kind: 'drill', request }, { signal })`. */
  runDrill(request: DrillJobRequest, signal: AbortSignal): Promise<DrillJobResult>;
  /** This device's key (saved while scheduled backups are on), or null; the service wipes it after use. */
  deviceKey(): Promise<Uint8Array | null>;
  /** True while another job runs (JobGate.isBusy): a due drill waits instead of being refused. */
  isBusy(): boolean;
  clock: SchedulerClock;
  /** A desktop notification (the scheduler's seam). */
  notify(title: string, body: string): void;
  /** Every finished run, for the window (drills:didFinish). */
  onDidFinish?: (run: DrillRunView) => void;
  tempParent?: string | undefined;
  nativeBinding?: string | undefined;
  random?: () => number;
  /** Whether a destination's folder can be reached now; a missing one is skipped (the copies' status says so). */
  folderReachable?: (folder: string) => Promise<boolean>;
  log?: (message: string) => void;
}

async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

export class DrillService {
  private timer: unknown;
  private unsubscribe: (() => void) | undefined;
  private active: AbortController | undefined;
  /** The next scheduled run starts no earlier than this (start-up grace, giving way). */
  private notBefore = 0;
  /** The last scheduled run that found nothing it could test (no key at hand); in memory only. */
  private lastEmptyRunAt: number | null = null;
  private lastRun: DrillRunView | null = null;

  constructor(private readonly deps: DrillServiceDeps) {}

  /** Starts the schedule; a drill missed while NoteVault was closed runs after a grace period. */
  start(): void {
    if (this.unsubscribe !== undefined) return;
    this.notBefore = this.deps.clock.now() + DRILL_START_GRACE_MS;
    this.unsubscribe = this.deps.settings.onDidChange(({ settings, previous }) => {
      if (drillInterval(settings) !== drillInterval(previous)) this.arm();
    });
    this.arm();
  }

  /** Stops the schedule and any running drill (its worker wipes the sandbox). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.disarm();
    this.active?.abort();
  }

  status(): DrillsStatus {
    return {
      schedule: drillInterval(this.deps.settings.get()),
      lastRunAt: newestDrill(this.deps.catalogue.entries())?.drill.at ?? null,
      nextRunAt: this.nextRunAt(),
      running: this.active !== undefined,
      lastRun: this.lastRun,
    };
  }

  /** When the next scheduled run is due, or null when drills are off. */
  nextRunAt(): number | null {
    const interval = drillInterval(this.deps.settings.get());
    if (interval === 'off') return null;
    const drilled = newestDrill(this.deps.catalogue.entries())?.drill.at ?? null;
    const last = Math.max(drilled ?? 0, this.lastEmptyRunAt ?? 0);
    const due = drilled === null && this.lastEmptyRunAt === null ? 0 : last + DRILL_INTERVAL_MS[interval];
    return Math.max(due, this.notBefore);
  }

  /**
   * The scheduled run, if due: unattended, so with this device's key and only the backups it
   * opens. Also for the headless run (no start(), no grace). Resolves with the run, or null when
   * none was due or possible now.
   */
  async runDue(): Promise<DrillRunView | null> {
    const next = this.nextRunAt();
    const now = this.deps.clock.now();
    if (next === null || now < next || this.active !== undefined) return null;
    if (this.deps.isBusy()) {
      this.notBefore = now + RETRY_AFTER_GIVING_WAY_MS;
      this.arm();
      return null;
    }
    const targets = this.targets(true);
    if (targets.length === 0) {
      this.notBefore = now + NOTHING_TO_DRILL_RECHECK_MS;
      this.arm();
      return null;
    }
    const controller = this.begin();
    const key = await this.deps.deviceKey().catch((error: unknown) => {
      this.end();
      throw error;
    });
    if (key === null) {
      // Scheduled backups were turned off since: nothing here can open them unattended.
      this.log(
        'No restore test ran: the key for unattended backups is not saved (scheduled backups are off).',
      );
      this.lastEmptyRunAt = now;
      this.end();
      return null;
    }
    return this.run('schedule', targets, { deviceKey: key }, controller);
  }

  /**
   * "Test a restore now" from the window: with the passkey or recovery code any backup, with
   * neither those this device's key opens. Refused with BUSY while a drill or another job runs.
   */
  async runNow(wayIn: WayInText = {}): Promise<DrillRunView> {
    if (this.active !== undefined) {
      throw new NoteVaultError(
        'BUSY',
        'A restore test is already running. Wait for it to finish, or stop it.',
      );
    }
    const typed = keySourceFromWayIn(wayIn);
    // Taken before the first await, so a second request meanwhile is refused.
    const controller = this.begin();
    let keySource = typed;
    if (keySource === undefined) {
      const key = await this.deps.deviceKey().catch((error: unknown) => {
        this.end();
        throw error;
      });
      if (key === null) {
        this.end();
        throw new NoteVaultError('VALIDATION', 'Enter your passkey or recovery code to test a restore.');
      }
      keySource = { deviceKey: key };
    }
    const targets = this.targets(typed === undefined);
    const run = await this.run('window', targets, keySource, controller);
    // Nothing opened with what was typed: the window asks again instead of listing failures.
    const keyFailures = run.outcomes.filter((o) => o.outcome === 'not-tested' && o.keyError !== undefined);
    if (typed !== undefined && run.outcomes.length > 0 && keyFailures.length === run.outcomes.length) {
      throw keyFailures[0]?.keyError as NoteVaultError;
    }
    return withoutKeyErrors(run);
  }

  /** Stops the running drill, if any; its run ends as 'cancelled'. */
  cancel(): void {
    this.active?.abort();
  }

  private begin(): AbortController {
    const controller = new AbortController();
    this.active = controller;
    this.disarm();
    return controller;
  }

  /** A run that ended before drilling (no key): free for the next, schedule re-armed. */
  private end(): void {
    this.active = undefined;
    this.arm();
  }

  private targets(unattended: boolean): DrillTarget[] {
    return pickDrillTargets(this.deps.catalogue.entries(), backupDestinations(this.deps.settings.get()), {
      unattended,
      random: this.deps.random,
    });
  }

  private async run(
    trigger: DrillRunView['trigger'],
    targets: DrillTarget[],
    keySource: KeySource,
    controller: AbortController,
  ): Promise<RunWithKeyErrors> {
    const startedAt = this.deps.clock.now();
    const outcomes: OutcomeWithKeyError[] = [];
    let stopped: DrillRunView['stopped'] = null;
    try {
      const reachable = new Map<string, boolean>();
      for (const target of targets) {
        if (controller.signal.aborted) {
          stopped = 'cancelled';
          break;
        }
        if (!reachable.has(target.folder)) {
          reachable.set(target.folder, await (this.deps.folderReachable ?? isFolder)(target.folder));
        }
        if (reachable.get(target.folder) !== true) continue;
        const outcome = await this.drillOne(target, keySource, controller.signal);
        if (outcome === 'gave-way' || outcome === 'cancelled') {
          stopped = outcome;
          break;
        }
        outcomes.push(outcome);
      }
    } finally {
      this.active = undefined;
      forgetKeySource(keySource);
    }
    const finishedAt = this.deps.clock.now();
    if (stopped === 'gave-way') this.notBefore = finishedAt + RETRY_AFTER_GIVING_WAY_MS;
    else if (trigger === 'schedule' && !outcomes.some((o) => o.outcome !== 'not-tested')) {
      this.lastEmptyRunAt = finishedAt;
    }
    const view = { trigger, startedAt, finishedAt, outcomes, stopped };
    this.lastRun = withoutKeyErrors(view);
    const notice = failureNotice(outcomes);
    if (notice !== null) this.deps.notify(notice.title, notice.body);
    this.deps.onDidFinish?.(this.lastRun);
    this.arm();
    return view;
  }

  private async drillOne(
    target: DrillTarget,
    keySource: KeySource,
    signal: AbortSignal,
  ): Promise<OutcomeWithKeyError | 'gave-way' | 'cancelled'> {
    const { entry } = target;
    const base = { name: target.name, destinationId: target.destinationId };
    try {
      const result = await this.deps.runDrill(
        {
          file: join(target.folder, target.name),
          expected: { size: entry.size, fileSha256: entry.fileSha256, createdAt: entry.createdAt },
          keySource,
          ...(this.deps.tempParent === undefined ? {} : { tempParent: this.deps.tempParent }),
          ...(this.deps.nativeBinding === undefined ? {} : { nativeBinding: this.deps.nativeBinding }),
        },
        signal,
      );
      const at = this.deps.clock.now();
      const drill = {
        at,
        ok: true,
        noteCount: result.noteCount,
        attachmentCount: result.attachmentCount,
        message: null,
      };
      await this.deps.catalogue.recordDrill(target.name, target.destinationId, drill);
      return {
        ...base,
        outcome: 'passed',
        noteCount: result.noteCount,
        attachmentCount: result.attachmentCount,
        message: null,
        at,
      };
    } catch (caught) {
      const error = asNoteVaultError(caught);
      const at = this.deps.clock.now();
      if (error.code === 'BUSY') return 'gave-way';
      if (error.code === 'CANCELLED') return 'cancelled';
      const details = error.details ?? (error.cause instanceof Error ? error.cause.message : undefined);
      const reported = {
        ...base,
        noteCount: null,
        attachmentCount: null,
        message: error.message,
        ...(details === undefined ? {} : { details }),
        at,
      };
      if (!FILE_VERDICTS.has(error.code)) {
        this.log(`The restore test of "${target.name}" could not be tried: ${error.message}`);
        return {
          ...reported,
          outcome: 'not-tested',
          ...(KEY_ERRORS.has(error.code) ? { keyError: error } : {}),
        };
      }
      await this.deps.catalogue.recordDrill(target.name, target.destinationId, {
        at,
        ok: false,
        noteCount: null,
        attachmentCount: null,
        message: error.message,
        ...(details === undefined ? {} : { details }),
      });
      return { ...reported, outcome: 'failed' };
    }
  }

  private arm(): void {
    this.disarm();
    if (this.unsubscribe === undefined || this.active !== undefined) return;
    const next = this.nextRunAt();
    if (next === null) return;
    const delay = Math.min(Math.max(next - this.deps.clock.now(), 0), DRILL_MAX_ARM_MS);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      void this.runDue()
        .catch((error: unknown) => this.log(`The scheduled restore test failed to run: ${String(error)}`))
        .finally(() => this.arm());
    }, delay);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private log(message: string): void {
    (this.deps.log ?? ((text: string) => console.warn(text)))(message);
  }
}

/** An outcome with the key error kept in memory for runNow; never sent or stored. */
type OutcomeWithKeyError = DrillOutcomeView & { keyError?: NoteVaultError };
type RunWithKeyErrors = Omit<DrillRunView, 'outcomes'> & { outcomes: OutcomeWithKeyError[] };

function withoutKeyErrors(run: RunWithKeyErrors): DrillRunView {
  return { ...run, outcomes: run.outcomes.map(({ keyError: _keyError, ...outcome }) => outcome) };
}

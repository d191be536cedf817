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
import { NoteVaultError } from '../../src-shared/errors';
import type { DrillRunView, DrillsStatus } from '../../src-shared/ipc/contract-drills';
import { backupDestinations, drillInterval } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { forgetKeySource } from '../backup/passkey-or-key';
import type { KeySource } from '../backup/passkey-or-key';
import type { DrillRequest, DrillResult } from '../backup/drill/drill-backup';
import type { SchedulerClock } from '../schedule/scheduler-types';
import type { BackupCatalogue } from '../settings/backup-catalogue';
import { newestDrill } from '../settings/backup-catalogue';
import type { SettingsChange } from '../settings/settings-store';
import { keySourceFromWayIn } from '../app/way-in-source';
import type { WayInText } from '../app/way-in-source';
import { failureNotice, withoutKeyErrors } from './drill-outcomes';
import { drillOne } from './drill-one';
import type { OutcomeWithKeyError, RunWithKeyErrors } from './drill-outcomes';
import {
  DRILL_INTERVAL_MS,
  DRILL_MAX_ARM_MS,
  DRILL_START_GRACE_MS,
  NOTHING_TO_DRILL_RECHECK_MS,
  RETRY_AFTER_GIVING_WAY_MS,
} from './drill-timing';
import { followBackupFolder } from './follow-backup-folder';
import { listDestinationFolder } from './folder-presence';
import type { FolderListing } from './folder-presence';
import { pickDrillTargets } from './pick-drill-targets';
import type { DrillTarget } from './pick-drill-targets';

/** What a drill job takes and answers: drill-backup.ts's own types. */
export type DrillJobRequest = DrillRequest;
export type DrillJobResult = Pick<
  DrillResult,
  'noteCount' | 'attachmentCount' | 'headerRewritten' | 'size' | 'fileSha256'
>;

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
  log?: (message: string) => void;
}

export class DrillService {
  private timer: unknown;
  private unsubscribe: (() => void) | undefined;
  private unfollow: (() => void) | undefined;
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
    // The catalogue's copies in the backup folder describe the old folder's files after a change.
    this.unfollow = followBackupFolder({
      settings: this.deps.settings,
      catalogue: this.deps.catalogue,
      log: (message) => this.log(message),
    });
    this.arm();
  }

  /** Stops the schedule and any running drill (its worker wipes the sandbox). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.unfollow?.();
    this.unfollow = undefined;
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
    // Taken before the first await (the folders' listing), so a second run meanwhile is refused.
    const controller = this.begin();
    const targets = await this.targets(true);
    if (targets.length === 0) {
      this.notBefore = now + NOTHING_TO_DRILL_RECHECK_MS;
      this.end();
      return null;
    }
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
    if (this.deps.isBusy()) {
      throw new NoteVaultError(
        'BUSY',
        'A backup, restore or check is running. Test a restore when it has finished.',
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
    const targets = await this.targets(typed === undefined);
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

  /** What to drill among the files in each reachable destination's folder now. */
  private async targets(unattended: boolean): Promise<DrillTarget[]> {
    const destinations = backupDestinations(this.deps.settings.get());
    const listings = new Map<string, FolderListing>();
    for (const destination of destinations) {
      // Unreachable (an unplugged drive): skipped; the copies' status already says so.
      const listing = await listDestinationFolder(destination.folder);
      if (listing !== null) listings.set(destination.id, listing);
    }
    return pickDrillTargets(this.deps.catalogue.entries(), destinations, {
      unattended,
      listings,
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
      for (const target of targets) {
        if (controller.signal.aborted) {
          stopped = 'cancelled';
          break;
        }
        const outcome = await drillOne(this.deps, target, keySource, controller.signal, (message: string) =>
          this.log(message),
        );
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

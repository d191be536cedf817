/**
 * Keeps the operating system's scheduler in step with the settings: while "Keep backing up when
 * NoteVault is closed" is on and scheduled backups are on (with a backup folder), NoteVault's
 * entry is registered for the schedule's interval; otherwise it is removed. It re-registers
 * when the interval or the Windows-only "also when I am logged off" changes, and once at start
 * (so the entry always names the program that is installed now, after an update moved it).
 * Changes are applied one at a time, in order. A failure is logged and shown in the status,
 * never thrown at the settings change that caused it: the setting is the person's choice, and
 * the next change or start tries again.
 */
import type { OsScheduleStatus } from '../../src-shared/ipc/contract-os-schedule';
import { NoteVaultError } from '../../src-shared/errors';
import type { Settings } from '../../src-shared/settings';
import type { OsScheduleRequest, ScheduledProgram } from './os-schedule-names';
import type { OsScheduleRegistrar } from './os-schedule-registrar';
import { readHeadlessRun } from './headless-run-record';
import { whileClosedInterval } from './while-closed-rule';

export interface BackgroundScheduleDeps {
  settings: {
    get(): Readonly<Settings>;
    onDidChange(
      listener: (change: { settings: Readonly<Settings>; previous: Readonly<Settings> }) => void,
    ): () => void;
  };
  /** null where NoteVault registers nothing (another platform, or tests of other services). */
  registrar: OsScheduleRegistrar | null;
  /** The installed app and its arguments, `--run-scheduled-backup` included. */
  program: ScheduledProgram;
  platform: string;
  /** headless-run.json (headless-run-record.ts). */
  headlessRunFile: string;
  log: (message: string) => void;
}

/** What the OS scheduler should have for these settings; null: nothing. */
export function wantedRegistration(
  settings: Readonly<Settings>,
  program: ScheduledProgram,
): OsScheduleRequest | null {
  const interval = whileClosedInterval(settings);
  if (interval === null) return null;
  return { interval, whenLoggedOff: settings.backupWhileClosed?.whenLoggedOff === true, program };
}

export class BackgroundScheduleService {
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private failure: NoteVaultError | null = null;
  private stopped = false;

  constructor(private readonly deps: BackgroundScheduleDeps) {
    this.unsubscribe = deps.settings.onDidChange(({ settings, previous }) => {
      const before = JSON.stringify(wantedRegistration(previous, deps.program));
      const after = JSON.stringify(wantedRegistration(settings, deps.program));
      if (before !== after) void this.sync();
    });
  }

  /** At app start: register what the settings want (refreshing the program's path), or remove a leftover. */
  start(): Promise<void> {
    return this.sync({ atStart: true });
  }

  /** Applies the current settings; resolves when done (failures go to the status). */
  sync(options: { atStart?: boolean } = {}): Promise<void> {
    const next = this.queue.then(() => this.apply(options.atStart === true));
    this.queue = next;
    return next;
  }

  async status(): Promise<OsScheduleStatus> {
    await this.queue;
    const { registrar, platform, headlessRunFile } = this.deps;
    const registered = registrar === null ? false : await registrar.isRegistered().catch(() => false);
    const last = await readHeadlessRun(headlessRunFile);
    const status: OsScheduleStatus = {
      registered,
      platform,
      where: registrar?.where ?? null,
      lastHeadlessRunAt: last?.at ?? null,
      message: this.failure?.message ?? null,
    };
    if (this.failure?.details !== undefined) status.details = this.failure.details;
    return status;
  }

  /** For quitting: no more changes are applied; waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    await this.queue;
  }

  private async apply(atStart: boolean): Promise<void> {
    const { registrar } = this.deps;
    if (registrar === null || this.stopped) return;
    const wanted = wantedRegistration(this.deps.settings.get(), this.deps.program);
    try {
      if (wanted !== null) await registrar.register(wanted);
      // At start only a leftover is removed: most people never turned this on, and nothing
      // should run their scheduler's tools at every start.
      else if (!atStart || (await registrar.isRegistered())) await registrar.unregister();
      this.failure = null;
    } catch (error) {
      this.failure =
        error instanceof NoteVaultError
          ? error
          : new NoteVaultError(
              'IO',
              'NoteVault could not update the schedule of backups while it is closed. Try again.',
              {
                details: String(error),
              },
            );
      this.deps.log(
        `Backups while NoteVault is closed: ${this.failure.message} ${this.failure.details ?? ''}`,
      );
    }
  }
}

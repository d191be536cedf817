/**
 * Builds the health report from the app's sources and announces it (`health:didChange` to the
 * window, `onDidChange` to the tray) whenever a source changes or, on `refresh()`, whenever the
 * passing time changed what it says ("overdue" begins without any event). The sources that
 * came with issue #17 (the catalogue, the destinations' status, retention's plan) are optional:
 * without one, its rules have no facts and say nothing.
 */
import type { HealthReport } from '../../src-shared/ipc/contract-health';
import type { BackupStatus, Settings } from '../../src-shared/settings';
import type { IpcEventSink } from '../ipc/event-sink';
import { Listeners } from '../schedule/listeners';
import { healthReport } from './health-report';
import type { CatalogueFact, DestinationFact, HealthInput, RetentionFact } from './health-input';

/** A source of facts: read when the report is built; `onDidChange` triggers a new report. */
export interface HealthSource<T> {
  read(): T | Promise<T>;
  onDidChange?(listener: () => void): () => void;
}

export interface HealthServiceDeps {
  settings: { get(): Readonly<Settings>; onDidChange(listener: () => void): () => void };
  history: { get(): BackupStatus; onDidChange(listener: () => void): () => void };
  now: () => number;
  emit: IpcEventSink;
  catalogue?: HealthSource<readonly CatalogueFact[]> | undefined;
  destinations?: HealthSource<readonly DestinationFact[]> | undefined;
  retention?: HealthSource<readonly RetentionFact[]> | undefined;
  /** The fixes the window can run: an action is offered only when its channel exists. */
  can: HealthInput['can'];
  log?: (message: string) => void;
}

export class HealthService {
  private readonly changes = new Listeners<HealthReport>();
  private readonly unsubscribe: (() => void)[];
  /** What the last announcement said, without its time: equal reports are not announced again. */
  private lastSaid: string | null = null;
  private pending: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: HealthServiceDeps) {
    const changed = () => void this.announce();
    this.unsubscribe = [deps.settings.onDidChange(changed), deps.history.onDidChange(changed)];
    for (const source of [deps.catalogue, deps.destinations, deps.retention]) {
      const off = source?.onDidChange?.(changed);
      if (off) this.unsubscribe.push(off);
    }
  }

  async report(): Promise<HealthReport> {
    const { deps } = this;
    const [catalogue, destinations, retention] = await Promise.all([
      this.readOrNull(deps.catalogue, 'the backup catalogue'),
      this.readOrNull(deps.destinations, "the destinations' status"),
      this.readOrNull(deps.retention, "retention's plan"),
    ]);
    return healthReport(
      {
        settings: deps.settings.get(),
        status: deps.history.get(),
        catalogue,
        destinations,
        retention,
        can: deps.can,
      },
      deps.now(),
    );
  }

  /** The tray listens here. */
  onDidChange(listener: (report: HealthReport) => void): () => void {
    return this.changes.on(listener);
  }

  /** Builds the report again and announces it if what it says changed (the tray calls this every minute). */
  refresh(): Promise<void> {
    return this.announce();
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** One build at a time; changes during a build cause one more build after it. */
  private announce(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        const report = await this.report();
        const said = JSON.stringify({ ...report, at: 0 });
        if (said !== this.lastSaid) {
          this.lastSaid = said;
          this.deps.emit('health:didChange', report);
          this.changes.fire(report);
        }
      } while (this.again);
    })()
      .catch((error: unknown) => this.deps.log?.(`Could not build the health report: ${String(error)}`))
      .finally(() => (this.pending = null));
    return this.pending;
  }

  /** A source that cannot be read leaves its rules without facts rather than the whole report failing. */
  private async readOrNull<T>(source: HealthSource<T> | undefined, what: string): Promise<T | null> {
    if (!source) return null;
    try {
      return await source.read();
    } catch (error) {
      this.deps.log?.(`Could not read ${what} for the health report: ${String(error)}`);
      return null;
    }
  }
}

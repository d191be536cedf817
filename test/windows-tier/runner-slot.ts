/**
 * A long-lived Windows runner (runner.ts under node.exe) that the driver hands cases to through an
 * inbox folder: node.exe takes 1-5 s to start under Wine on a busy 2-core machine, more than most
 * cases take, so each of the driver's workers keeps one. A runner that dies or hangs is replaced by a
 * fresh one with a fresh inbox, and the case it was running fails.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ProcessExit } from './checks';
import { winPath } from './protocol';
import type { WineEnv } from './wine-env';
import type { WineProcess } from './wine-process';
import { startWine } from './wine-process';

const POLL_MS = 10;
/** A runner lives for the whole tier; this only bounds a process that ignores "stop". */
const LIFETIME_MS = 30 * 60_000;

export class RunnerSlot {
  private process: WineProcess | undefined;
  private exit: ProcessExit | undefined;
  private generation = 0;
  private inbox = '';
  private next = 1;

  constructor(
    private readonly wine: WineEnv,
    private readonly runnerScript: string,
    private readonly dir: string,
  ) {}

  /** The runner's stdout/stderr, for a person reading a failed case. */
  get logFile(): string {
    return join(this.dir, `runner-${this.generation}.out`);
  }

  private ensureStarted(): void {
    if (this.process && !this.exit) return;
    this.generation++;
    this.inbox = join(this.dir, `inbox-${this.generation}`);
    this.next = 1;
    this.exit = undefined;
    mkdirSync(this.inbox, { recursive: true });
    const started = startWine(
      this.wine.env,
      this.wine.nodeExe,
      [winPath(this.runnerScript), winPath(this.inbox)],
      this.logFile,
      LIFETIME_MS,
    );
    this.process = started;
    started.done.then(
      ({ code, timedOut }) => {
        if (this.process === started) this.exit = { code, timedOut };
      },
      () => {
        if (this.process === started) this.exit = { code: null, timedOut: false };
      },
    );
  }

  /**
   * Hands over one case and waits until its result file appears. Answers how the runner fared: code 0
   * when the result came, the exit when the runner died, timedOut when it hung (it is then killed).
   */
  async run(caseFile: string, resultFile: string, timeoutMs: number): Promise<ProcessExit> {
    this.ensureStarted();
    const job = join(this.inbox, `${this.next++}.json`);
    writeFileSync(`${job}.tmp`, JSON.stringify({ caseFile: winPath(caseFile) }));
    renameSync(`${job}.tmp`, job);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (existsSync(resultFile)) return { code: 0, timedOut: false };
      if (this.exit) return this.exit;
      if (performance.now() > deadline) {
        this.kill();
        return { code: null, timedOut: true };
      }
      await delay(POLL_MS);
    }
  }

  private kill(): void {
    const pid = this.process?.pid;
    this.exit = { code: null, timedOut: true };
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  async stop(): Promise<void> {
    if (!this.process || this.exit) return;
    writeFileSync(join(this.inbox, 'stop'), '');
    const stopped = await Promise.race([
      this.process.done.then(
        () => true,
        () => true,
      ),
      delay(10_000, undefined, { ref: false }).then(() => false),
    ]);
    if (!stopped) this.kill();
  }
}

/**
 * Test support: a wall clock with timers that fire only when the test moves time. Only
 * *.test.ts files import this module.
 *
 * `advance` is time passing while the computer is awake: timers fire in order. `sleep` is the
 * computer suspended: the wall clock jumps, but pending timers are pushed back by the same
 * amount, because the timers Electron and Node use run on a clock that stops during sleep.
 */
import type { SchedulerClock } from '../../../src-main/schedule/scheduler-types';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class TestClock implements SchedulerClock {
  private time: number;
  private nextId = 1;
  private timers: Timer[] = [];
  /** Every delay the code under test asked for, in order. */
  readonly requestedDelays: number[] = [];

  constructor(start: Date | number) {
    this.time = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    this.requestedDelays.push(ms);
    const timer = { id: this.nextId++, at: this.time + ms, fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order and letting promise chains settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = end;
    await settle();
  }

  /** The computer sleeps for `ms`: the wall clock jumps, no timer fires, pending timers slide. */
  sleep(ms: number): void {
    this.time += ms;
    for (const timer of this.timers) timer.at += ms;
  }

  /** The user (or NTP) sets the wall clock; timers keep their remaining delays. */
  setWallClock(to: Date): void {
    const shift = to.getTime() - this.time;
    this.time = to.getTime();
    for (const timer of this.timers) timer.at += shift;
  }
}

/** Lets pending promise callbacks run (the scheduler's awaits on the backup). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

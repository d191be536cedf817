/** What a view knows about a call it made: the latest answer, whether one is on its way, the latest failure. */
export interface CallState<T> {
  /** The latest answer; while a newer call runs, still the answer before it. */
  data: T | undefined;
  loading: boolean;
  /** The latest call's failure, or undefined. */
  error: unknown;
}

const IDLE: CallState<never> = { data: undefined, loading: false, error: undefined };

/**
 * Runs calls one after another and keeps only the answer of the latest: an answer or a
 * failure that arrives after a newer call started, or after `abandon()`, is dropped. This is
 * what lets fast typing, a quick second click or a closed view never show an older answer.
 * Plain TypeScript with a subscribe/snapshot pair, so React reads it with useSyncExternalStore
 * (useLatestCall.ts) and tests drive it without a DOM.
 */
export class LatestCall<T> {
  private generation = 0;
  private state: CallState<T> = IDLE;
  private readonly listeners = new Set<() => void>();

  /** `onError` hears each failure of a latest call, once. */
  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CallState<T> => this.state;

  /** Starts `call`; a call that returns null has nothing to ask, and clears the answer. */
  run(call: () => Promise<T> | null): void {
    const mine = ++this.generation;
    let answer: Promise<T> | null;
    try {
      answer = call();
    } catch (error) {
      this.fail(mine, error);
      return;
    }
    if (answer === null) {
      this.set(IDLE);
      return;
    }
    this.set({ data: this.state.data, loading: true, error: undefined });
    answer.then(
      (data) => {
        if (mine === this.generation) this.set({ data, loading: false, error: undefined });
      },
      (error: unknown) => this.fail(mine, error),
    );
  }

  /** Drops every answer still on its way (the view closed, or its inputs changed). */
  abandon(): void {
    this.generation += 1;
    if (this.state.loading) this.set({ ...this.state, loading: false });
  }

  private fail(generation: number, error: unknown): void {
    if (generation !== this.generation) return;
    this.set({ data: this.state.data, loading: false, error });
    this.onError(error);
  }

  private set(state: CallState<T>): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

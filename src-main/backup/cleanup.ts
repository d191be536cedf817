import { NoteVaultError } from '../../src-shared/errors';

/**
 * Steps that must run whatever happens (wipe plaintext, remove a partial, close a database),
 * in reverse order of registration, each one even if an earlier one failed.
 */
export class CleanupList {
  private readonly steps: (() => Promise<void> | void)[] = [];

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  /** Runs every step once, newest first, and returns what failed. */
  async runAll(): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    return failures;
  }
}

/**
 * Runs `work`, then its cleanup. The work's own error is what the person needs to hear, so it
 * wins; a cleanup failure is added to its message rather than hiding it. When the work
 * succeeded but cleanup failed (plaintext may be left on disk), that is reported as a failure,
 * introduced by `afterSuccess(result)` so the person knows the main work did happen.
 */
export async function runWithCleanup<T>(
  work: (cleanup: CleanupList) => Promise<T>,
  afterSuccess: (result: T) => string,
): Promise<T> {
  const cleanup = new CleanupList();
  let result: T;
  try {
    result = await work(cleanup);
  } catch (error) {
    const failures = await cleanup.runAll();
    throw failures.length === 0 ? error : withCleanupFailures(error, failures);
  }
  const failures = await cleanup.runAll();
  if (failures.length === 0) return result;
  const first = failures[0];
  const code = first instanceof NoteVaultError ? first.code : 'INTERNAL';
  throw new NoteVaultError(
    code,
    `${afterSuccess(result)} cleaning up afterwards failed: ${describe(failures)}`,
    {
      cause: first,
    },
  );
}

function withCleanupFailures(error: unknown, failures: unknown[]): unknown {
  if (!(error instanceof NoteVaultError)) return error;
  return new NoteVaultError(
    error.code,
    `${error.message} Cleaning up afterwards failed too: ${describe(failures)}`,
    {
      cause: error.cause ?? error,
    },
  );
}

function describe(failures: unknown[]): string {
  return failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join(' ');
}

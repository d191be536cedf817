import { useCallback, useEffect, useState } from 'react';
import type { JobProgressEvent } from '../../../src-shared/ipc/contract-backup';
import { describeError } from '../api';
import type { ShownError } from '../api';
import { useApi } from '../api-context';

export type TransferStage<T> =
  | { kind: 'choose' }
  | { kind: 'running'; progress: JobProgressEvent | null }
  | { kind: 'done'; result: T }
  | { kind: 'failed'; error: ShownError };

/**
 * One import or export from the window: start it (main opens the native dialog and runs the
 * job), follow transfer:didProgress while it runs, cancel it, and keep its result or error.
 * A cancelled dialog (null) goes back to the choice without a word: nothing happened.
 */
export function useTransferJob<T>(open: boolean) {
  const api = useApi();
  const [stage, setStage] = useState<TransferStage<T>>({ kind: 'choose' });
  const running = stage.kind === 'running';

  useEffect(() => {
    if (open) setStage({ kind: 'choose' });
  }, [open]);

  useEffect(() => {
    if (!running) return undefined;
    return api.transfer.onDidProgress((progress) => setStage({ kind: 'running', progress }));
  }, [api, running]);

  const start = useCallback((run: () => Promise<T | null>) => {
    setStage({ kind: 'running', progress: null });
    run().then(
      (result) => setStage(result === null ? { kind: 'choose' } : { kind: 'done', result }),
      (error: unknown) => setStage({ kind: 'failed', error: describeError(error) }),
    );
  }, []);

  const cancel = useCallback(() => {
    api.transfer.cancel().catch(() => undefined);
  }, [api]);

  const retry = useCallback(() => setStage({ kind: 'choose' }), []);

  return { stage, start, cancel, retry };
}

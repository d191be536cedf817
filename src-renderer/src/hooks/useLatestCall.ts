import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { DependencyList } from 'react';
import type { NotevaultApi } from '../../../src-shared/ipc/client';
import { useApi } from '../api-context';
import { LatestCall } from '../latest-call';
import type { CallState } from '../latest-call';

export interface LatestCallResult<T> extends CallState<T> {
  /** Calls again now (after an event says the answer changed); older answers are dropped. */
  reload: () => void;
}

/**
 * Calls `call` when the component mounts and whenever `deps` change, like useEffect, and
 * keeps only the latest call's answer: an answer that arrives after newer inputs, a reload
 * or unmounting is dropped. Failures of the latest call go to `onError` too. `call` may
 * return null when there is nothing to ask; the answer is then cleared.
 */
export function useLatestCall<T>(
  call: () => Promise<T> | null,
  deps: DependencyList,
  onError?: (error: unknown) => void,
): LatestCallResult<T> {
  // The latest callbacks, so a render with new closures neither restarts nor loses a call.
  const latest = useRef({ call, onError });
  latest.current = { call, onError };
  const [calls] = useState(() => new LatestCall<T>((error) => latest.current.onError?.(error)));
  const state = useSyncExternalStore(calls.subscribe, calls.getSnapshot);
  const reload = useCallback(() => calls.run(() => latest.current.call()), [calls]);

  useEffect(() => {
    reload();
    return () => calls.abandon();
    // `deps` are the caller's inputs, as with useEffect.
  }, [calls, reload, ...deps]);

  return { ...state, reload };
}

/** useLatestCall for a call to the NoteVault API given by ApiProvider. */
export function useApiCall<T>(
  call: (api: NotevaultApi) => Promise<T> | null,
  deps: DependencyList,
  onError?: (error: unknown) => void,
): LatestCallResult<T> {
  const api = useApi();
  return useLatestCall(() => call(api), [api, ...deps], onError);
}

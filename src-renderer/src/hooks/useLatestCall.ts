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
 * One LatestCall for the component's lifetime, and its state, which re-renders the component
 * when it changes. For hooks that start calls themselves (paging); most use useLatestCall.
 */
export function useLatestCallStore<T>(
  onError?: (error: unknown) => void,
): readonly [LatestCall<T>, CallState<T>] {
  // The latest onError, so a new closure is heard without making a new store.
  const latestOnError = useRef(onError);
  latestOnError.current = onError;
  const [calls] = useState(() => new LatestCall<T>((error) => latestOnError.current?.(error)));
  return [calls, useSyncExternalStore(calls.subscribe, calls.getSnapshot)] as const;
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
  // The latest call, so a render with a new closure neither restarts nor loses a call.
  const latest = useRef(call);
  latest.current = call;
  const [calls, state] = useLatestCallStore<T>(onError);
  const reload = useCallback(() => calls.run(() => latest.current()), [calls]);

  // `deps` are the caller's inputs, as with useEffect.
  useEffect(() => {
    reload();
    return () => calls.abandon();
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

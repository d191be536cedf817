import { useCallback, useEffect, useRef, useState } from 'react';
import { AUTOSAVE_DELAY_MS } from './useAutosave';

/**
 * A field whose every step would otherwise be a save (a number field while an arrow key is
 * held repeats ~30 times a second, above settings:update's rate limit): the field shows the
 * value as it changes and saves it once it has settled for `delayMs`, as autosave does for
 * notes. Leaving the view saves a pending value at once, so no step is lost. The draft gives
 * way to `saved` once the saved value catches up (or the save fails), so a change made
 * elsewhere still shows.
 */
export function useSettledSave<T>(
  saved: T,
  save: (value: T) => Promise<unknown>,
  onError: (error: unknown) => void,
  delayMs = AUTOSAVE_DELAY_MS,
): [T, (value: T) => void] {
  const [draft, setDraft] = useState<{ value: T } | null>(null);
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  // The latest callbacks, so a save scheduled earlier never calls a stale one.
  const latest = useRef({ save, onError });
  latest.current = { save, onError };

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    latest.current.save(next.value).catch((error: unknown) => {
      setDraft(null);
      latest.current.onError(error);
    });
  }, []);

  const change = useCallback(
    (value: T) => {
      pending.current = { value };
      setDraft({ value });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => {
    if (pending.current === null && draft !== null && Object.is(draft.value, saved)) setDraft(null);
  }, [saved, draft]);

  useEffect(() => flush, [flush]);

  return [draft === null ? saved : draft.value, change];
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Note, NotePatch } from '../../../src-shared/notes';

export type SaveStatus =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed' };

export const AUTOSAVE_DELAY_MS = 400;

/**
 * Saves edits once typing pauses. Changes made while waiting are merged into one patch;
 * `flush` saves at once (before trashing the note, or when the editor closes), so no
 * keystroke is lost and no save reaches a note that has meanwhile been trashed.
 */
export function useAutosave(
  /** Resolves null when there was nothing to save (a blank new note): the status goes back to idle. */
  save: (patch: NotePatch) => Promise<Note | null>,
  onError: (error: unknown) => void,
  delayMs = AUTOSAVE_DELAY_MS,
) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const pending = useRef<NotePatch | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const mounted = useRef(true);
  // The latest callbacks, so a flush scheduled earlier never calls a stale one.
  const latest = useRef({ save, onError });
  latest.current = { save, onError };

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    const patch = pending.current;
    if (!patch) return;
    pending.current = null;
    if (mounted.current) setStatus({ kind: 'saving' });
    try {
      const saved = await latest.current.save(patch);
      if (mounted.current && pending.current === null) {
        setStatus(saved === null ? { kind: 'idle' } : { kind: 'saved', at: Date.now() });
      }
    } catch (error) {
      if (mounted.current) setStatus({ kind: 'failed' });
      latest.current.onError(error);
    }
  }, []);

  const schedule = useCallback(
    (patch: NotePatch) => {
      pending.current = { ...pending.current, ...patch };
      setStatus({ kind: 'saving' });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      void flush();
    };
  }, [flush]);

  return { status, schedule, flush };
}

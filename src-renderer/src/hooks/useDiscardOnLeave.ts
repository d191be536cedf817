import { useEffect, useRef } from 'react';

/**
 * As the editor unmounts (another note, a view, New note): its last edit is sent, then a new
 * note emptied again is discarded (NoteDraft.discardIfBlank). Call it after useAutosave, whose
 * own cleanup may already have sent that edit; the draft waits for it either way.
 */
export function useDiscardOnLeave(
  flush: () => Promise<void>,
  discardIfBlank: () => Promise<boolean>,
  onError: (error: unknown) => void,
): void {
  const latest = useRef({ flush, discardIfBlank, onError });
  latest.current = { flush, discardIfBlank, onError };
  useEffect(
    () => () => {
      const { flush: sendLast, discardIfBlank: discard, onError: report } = latest.current;
      sendLast().then(discard).catch(report);
    },
    [],
  );
}

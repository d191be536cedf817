import { useEffect, useState } from 'react';
import { useApi } from '../api-context';

/**
 * A number that goes up whenever the main process announces `notes:didChange`. Views
 * that show notes re-read when it changes, so edits, restores from backup and changes
 * made elsewhere all refresh through the same path.
 */
export function useNotesVersion(onError: (error: unknown) => void): number {
  const api = useApi();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    try {
      return api.notes.onDidChange(() => setVersion((v) => v + 1));
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);
  return version;
}

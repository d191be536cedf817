import { useEffect, useState } from 'react';
import type { AppView } from '../../../src-shared/ipc/contract-schedule';
import { useApi } from '../api-context';

/** Which full-page view replaces the editor (backups, settings), also when the tray asks for one. */
export function useAppView(onError: (error: unknown) => void) {
  const api = useApi();
  const [view, setView] = useState<AppView | null>(null);
  useEffect(() => {
    try {
      return api.app.onDidRequestView(({ view: requested }) => setView(requested));
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);
  return [view, setView] as const;
}

import { useEffect, useState } from 'react';
import type { AppView } from '../../../src-shared/ipc/contract-schedule';
import { notevault } from '../api';

/** Which full-page view replaces the editor (backups, settings), also when the tray asks for one. */
export function useAppView(onError: (error: unknown) => void) {
  const [view, setView] = useState<AppView | null>(null);
  useEffect(() => {
    try {
      return notevault().app.onDidRequestView(({ view: requested }) => setView(requested));
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [onError]);
  return [view, setView] as const;
}

import { useEffect, useState } from 'react';
import type { Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/** The settings, kept current by `settings:didChange`, plus the warning from a damaged settings file. */
export function useSettings(onError: (error: unknown) => void): {
  settings: Settings | null;
  loadWarning: string | null;
} {
  const api = useApi();
  const loaded = useApiCall((a) => a.settings.get(), [], onError);
  // Announced settings are newer than the ones read when the view opened.
  const [announced, setAnnounced] = useState<Settings | null>(null);
  useEffect(() => {
    try {
      return api.settings.onDidChange(setAnnounced);
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);
  return {
    settings: announced ?? loaded.data?.settings ?? null,
    loadWarning: loaded.data?.loadWarning ?? null,
  };
}

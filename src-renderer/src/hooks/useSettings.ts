import { useEffect, useState } from 'react';
import type { Settings } from '../../../src-shared/settings';
import { notevault } from '../api';

/** The settings, kept current by `settings:didChange`, plus the warning from a damaged settings file. */
export function useSettings(onError: (error: unknown) => void): {
  settings: Settings | null;
  loadWarning: string | null;
} {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadWarning, setLoadWarning] = useState<string | null>(null);
  useEffect(() => {
    notevault()
      .settings.get()
      .then((loaded) => {
        setSettings(loaded.settings);
        setLoadWarning(loaded.loadWarning);
      })
      .catch(onError);
    try {
      return notevault().settings.onDidChange(setSettings);
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [onError]);
  return { settings, loadWarning };
}

import { useEffect } from 'react';
import type { ThemeChoice } from '../../../src-shared/settings';
import { useSettings } from './useSettings';

/**
 * Applies the theme setting to the whole window: `data-theme` on <html> pins light or dark
 * (theme.css sets `color-scheme` from it); without it the system's preference decides.
 */
export function useTheme(onError: (error: unknown) => void): void {
  const theme: ThemeChoice = useSettings(onError).settings?.theme ?? 'system';
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
  }, [theme]);
}

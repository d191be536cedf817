import type { Settings, ThemeChoice } from '../../../src-shared/settings';
import { THEME_CHOICES } from '../../../src-shared/settings';
import { useApi } from '../api-context';

const LABELS: Record<ThemeChoice, string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
};

interface ThemeSettingsProps {
  settings: Settings;
  onError: (error: unknown) => void;
}

/** Light, dark, or whatever the desktop uses; saved at once and applied by useTheme. */
export function ThemeSettings({ settings, onError }: ThemeSettingsProps) {
  const api = useApi();
  return (
    <fieldset className="settings-group">
      <legend>Theme</legend>
      {THEME_CHOICES.map((choice) => (
        <label key={choice} className="checkbox">
          <input
            type="radio"
            name="theme"
            value={choice}
            checked={settings.theme === choice}
            onChange={() => {
              api.settings.update({ theme: choice }).catch(onError);
            }}
          />
          {LABELS[choice]}
        </label>
      ))}
    </fieldset>
  );
}

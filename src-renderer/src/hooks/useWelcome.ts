import { useCallback, useState } from 'react';
import { useApi } from '../api-context';
import { useSettings } from './useSettings';

/**
 * The first-run welcome: shown while there are no notes, no backup folder is chosen and it was
 * never dismissed (the dismissal is a setting, kept by the main process). "Set up backups"
 * opens one flow for folder, passkey and schedule; it stays open once the folder is chosen,
 * which hides the welcome itself.
 */
export function useWelcome(notesEmpty: boolean, onError: (error: unknown) => void) {
  const api = useApi();
  const { settings } = useSettings(onError);
  const [settingUp, setSettingUp] = useState(false);
  const show =
    settings !== null && notesEmpty && settings.backupFolder === null && settings.welcomeDismissed !== true;
  const dismiss = useCallback(() => {
    api.settings.update({ welcomeDismissed: true }).catch(onError);
  }, [api, onError]);
  return {
    show,
    settings,
    settingUp,
    startSetup: () => setSettingUp(true),
    endSetup: () => {
      setSettingUp(false);
      // The dialog gives focus back to "Set up backups", which is gone once a folder is chosen
      // (the welcome with it): then New note, the next thing to do, takes it.
      window.requestAnimationFrame(() => {
        if (document.activeElement === document.body || document.activeElement === null) {
          document.querySelector<HTMLElement>('[role="toolbar"] [aria-keyshortcuts^="Control+N"]')?.focus();
        }
      });
    },
    dismiss,
  };
}

import type { AppView } from '../../../src-shared/ipc/contract-schedule';

interface ScheduleToolbarButtonsProps {
  view: AppView | null;
  onToggle: (view: AppView) => void;
}

/** The toolbar's Backups, Health and Settings buttons; each toggles its view. */
export function ScheduleToolbarButtons({ view, onToggle }: ScheduleToolbarButtonsProps) {
  return (
    <>
      <button
        type="button"
        aria-pressed={view === 'backups'}
        data-view-toggle="backups"
        onClick={() => onToggle('backups')}
      >
        Backups
      </button>
      <button
        type="button"
        aria-pressed={view === 'health'}
        data-view-toggle="health"
        onClick={() => onToggle('health')}
      >
        Health
      </button>
      <button
        type="button"
        aria-pressed={view === 'settings'}
        data-view-toggle="settings"
        onClick={() => onToggle('settings')}
      >
        Settings
      </button>
    </>
  );
}

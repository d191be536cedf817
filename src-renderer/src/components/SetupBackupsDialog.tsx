import { useState } from 'react';
import type { Settings } from '../../../src-shared/settings';
import { SCHEDULE_LABELS } from '../backup-format';
import { ModalDialog } from './ModalDialog';
import { SetupFolderStep } from './SetupFolderStep';
import { SetupScheduleStep } from './SetupScheduleStep';
import type { OnInterval } from './SetupScheduleStep';

interface SetupBackupsDialogProps {
  open: boolean;
  settings: Settings | null;
  onClose: () => void;
  /** Scheduled backups are on: the welcome is not needed again. */
  onDone: () => void;
  onError: (error: unknown) => void;
}

/**
 * The welcome's "Set up backups", one flow: folder (the native dialog,
 * settings:chooseBackupFolder), then a passkey and the schedule (schedule:enable). Each step
 * makes the same calls Settings makes.
 */
export function SetupBackupsDialog({ open, ...props }: SetupBackupsDialogProps) {
  return (
    <ModalDialog open={open} title="Set up backups" onEscape={props.onClose}>
      <SetupSteps {...props} />
    </ModalDialog>
  );
}

function SetupSteps({ settings, onClose, onDone, onError }: Omit<SetupBackupsDialogProps, 'open'>) {
  const [step, setStep] = useState<'folder' | 'schedule' | 'done'>('folder');
  const [interval, setInterval] = useState<OnInterval>('daily');
  const folder = settings?.backupFolder ?? null;

  if (step === 'folder') {
    return (
      <SetupFolderStep
        folder={folder}
        onClose={onClose}
        onNext={() => setStep('schedule')}
        onError={onError}
      />
    );
  }
  if (step === 'schedule') {
    return (
      <SetupScheduleStep
        interval={interval}
        onIntervalChange={setInterval}
        onBack={() => setStep('folder')}
        onEnabled={() => {
          onDone();
          setStep('done');
        }}
        onError={onError}
      />
    );
  }
  return (
    <>
      <p role="status">
        Backups are set up: {SCHEDULE_LABELS[interval].toLowerCase()} to {folder}. You can change this in
        Settings.
      </p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}

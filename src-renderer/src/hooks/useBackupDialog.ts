import { useEffect, useState } from 'react';
import type { BackupCreated, BackupFolderState } from '../../../src-shared/ipc/contract-backup';
import { describeError } from '../api';
import type { ShownError } from '../api';
import { useApi } from '../api-context';
import { PASSKEY_SCORE } from '../../../src-shared/passkey-strength';
import { useJobProgress } from './useJobProgress';
import { usePasskeyStrength } from './usePasskeyStrength';

export type BackupStage =
  | { kind: 'form' }
  | { kind: 'running'; cancelling: boolean }
  | { kind: 'done'; result: BackupCreated }
  | { kind: 'failed'; error: ShownError };

/**
 * The backup dialog's state: the passkey typed twice (a weak one needs an explicit "use
 * anyway"), the remembered folder, then the running job with its progress, then the file
 * made or what went wrong. Each opening starts from an empty form; closing forgets the passkey.
 */
export function useBackupDialog(open: boolean) {
  const api = useApi();
  const [passkey, setPasskey] = useState('');
  const [repeat, setRepeat] = useState('');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [folder, setFolder] = useState<BackupFolderState | null>(null);
  const [stage, setStage] = useState<BackupStage>({ kind: 'form' });
  const strength = usePasskeyStrength(passkey);
  const progress = useJobProgress('backup', stage.kind === 'running');
  const fail = (error: unknown) => setStage({ kind: 'failed', error: describeError(error) });

  useEffect(() => {
    // On closing too: a passkey is not kept in the page's memory for the next opening.
    setPasskey('');
    setRepeat('');
    setAcceptWeak(false);
    if (!open) return;
    setStage({ kind: 'form' });
    api.backup
      .getFolder()
      .then(setFolder)
      .catch((error: unknown) => setStage({ kind: 'failed', error: describeError(error) }));
  }, [api, open]);

  // Below the minimum main refuses it anyway (src-shared/passkey-strength.ts); between the
  // minimum and "good" the person may choose to use it.
  const tooWeak = strength !== null && strength.score < PASSKEY_SCORE.minimum;
  const weak = strength !== null && !tooWeak && strength.score < PASSKEY_SCORE.good;
  const problem =
    passkey === ''
      ? 'Enter a passkey.'
      : passkey !== repeat
        ? 'Type the same passkey twice.'
        : folder?.folder == null
          ? 'Choose a folder for the backup.'
          : strength === null
            ? 'Checking the passkey…'
            : tooWeak
              ? 'This passkey is too easy to guess: choose a longer one, such as a few unrelated words.'
              : weak && !acceptWeak
                ? 'This passkey is weak: choose a stronger one, or confirm you want to use it.'
                : null;

  const changeFolder = () => {
    api.settings
      .chooseBackupFolder()
      .then((chosen) => chosen && setFolder({ folder: chosen.backupFolder, busy: folder?.busy ?? false }))
      .catch(fail);
  };

  const start = () => {
    if (problem !== null) return;
    setStage({ kind: 'running', cancelling: false });
    api.backup
      .create({ passkey })
      .then((result) => setStage({ kind: 'done', result }))
      .catch(fail);
  };

  const cancel = () => {
    setStage({ kind: 'running', cancelling: true });
    void api.backup.cancel();
  };

  const showInFolder = (fileName: string) => void api.backups.showInFolder({ name: fileName }).catch(fail);

  return {
    passkey,
    setPasskey,
    repeat,
    setRepeat,
    acceptWeak,
    setAcceptWeak,
    folder: folder?.folder ?? null,
    stage,
    retry: () => setStage({ kind: 'form' }),
    strength,
    weak,
    progress,
    problem,
    changeFolder,
    start,
    cancel,
    showInFolder,
  };
}

export type BackupDialogState = ReturnType<typeof useBackupDialog>;

import { useEffect, useState } from 'react';
import type {
  ChosenRestoreFile,
  RestoreDone,
  RestorePreviewView,
} from '../../../src-shared/ipc/contract-backup';
import { describeError } from '../api';
import type { ShownError } from '../api';
import { useApi } from '../api-context';
import { useJobProgress } from './useJobProgress';
import { useSafetyPasskey } from './useSafetyPasskey';
import { useWayIn } from './useWayIn';

export type RestoreStage =
  | { kind: 'choose' }
  | { kind: 'passkey' }
  | { kind: 'previewing'; cancelling: boolean }
  | { kind: 'preview'; preview: RestorePreviewView }
  | { kind: 'restoring'; cancelling: boolean }
  | { kind: 'done'; done: RestoreDone }
  | { kind: 'failed'; error: ShownError };

/**
 * The restore dialog's state: the chosen file, its passkey, the preview read with it, the
 * restore itself and its outcome. Each opening starts again, at the passkey step when the
 * file was chosen before (`initialFile`), else at the file picker; closing forgets the passkey.
 */
export function useRestoreDialog(
  open: boolean,
  initialFile: ChosenRestoreFile | null,
  onRestored: (restoredNotes: number) => void,
) {
  const api = useApi();
  const [file, setFile] = useState<ChosenRestoreFile | null>(null);
  // The backup's passkey, or its recovery code (issue #16).
  const wayIn = useWayIn();
  const { reset: forgetWayIn } = wayIn;
  const [stage, setStage] = useState<RestoreStage>({ kind: 'choose' });
  const running = stage.kind === 'previewing' || stage.kind === 'restoring';
  const progress = useJobProgress('restore', running);
  // Its passkey lives only while the preview is shown: cleared when the restore starts or the dialog closes.
  // A recovery code is not a passkey: the person cannot say the copy may use "the same one".
  const safety = useSafetyPasskey(stage.kind === 'preview' ? stage.preview : null, wayIn.kind === 'passkey');

  useEffect(() => {
    // On closing too: neither the passkey (or code) nor the preview's restore token outlives the dialog.
    forgetWayIn();
    if (!open) {
      setStage((current) => (current.kind === 'preview' ? { kind: 'choose' } : current));
      return;
    }
    setFile(initialFile);
    setStage(initialFile === null ? { kind: 'choose' } : { kind: 'passkey' });
  }, [open, initialFile, forgetWayIn]);

  const fail = (error: unknown) => setStage({ kind: 'failed', error: describeError(error) });

  const chooseFile = () => {
    api.restore
      .chooseFile()
      .then((chosen) => {
        if (chosen === null) return;
        setFile(chosen);
        setStage({ kind: 'passkey' });
      })
      .catch(fail);
  };

  const preview = () => {
    if (file === null || wayIn.reason !== null) return;
    setStage({ kind: 'previewing', cancelling: false });
    api.restore
      .preview({ token: file.token, ...wayIn.args() })
      .then((result) => setStage({ kind: 'preview', preview: result }))
      .catch(fail);
  };

  const restore = () => {
    // Only from the preview: its token is the main process's record that this file was shown.
    if (stage.kind !== 'preview' || safety.problem !== null) return;
    const { restoreToken } = stage.preview;
    const safetyKey = safety.choice();
    setStage({ kind: 'restoring', cancelling: false });
    api.restore
      .run({ restoreToken, ...wayIn.args(), ...safetyKey })
      .then((done) => {
        setStage({ kind: 'done', done });
        onRestored(done.restoredNotes);
      })
      .catch(fail);
  };

  const cancel = () => {
    if (!running) return;
    setStage({ ...stage, cancelling: true });
    void api.backup.cancel();
  };

  const retry = () => setStage(file === null ? { kind: 'choose' } : { kind: 'passkey' });

  return {
    file,
    wayIn,
    stage,
    running,
    progress,
    safety,
    chooseFile,
    preview,
    restore,
    cancel,
    retry,
  };
}

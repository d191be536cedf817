import { useEffect, useState } from 'react';
import type { BackupCreated, BackupFolderState, BackupPlan } from '../../../src-shared/ipc/contract-backup';
import { backupPhaseSeconds } from '../../../src-shared/job-progress';
import { passkeyScoreProblem } from '../../../src-shared/passkey-strength';
import { describeError } from '../api';
import type { ShownError } from '../api';
import { useApi } from '../api-context';
import { newPassphrase } from '../passphrase-words';
import { useBackupProgress } from './useBackupProgress';
import { usePasskeyStrength } from './usePasskeyStrength';
import type { PasskeyStrength } from './usePasskeyStrength';

export type BackupStage =
  | { kind: 'form' }
  | { kind: 'running'; cancelling: boolean }
  | { kind: 'done'; result: BackupCreated }
  | { kind: 'failed'; error: ShownError };

interface FormState {
  plan: BackupPlan | null;
  passkey: string;
  repeat: string;
  folder: string | null;
  strength: PasskeyStrength | null;
}

/** Why Start backup is disabled, shown beside it; null when it may start. */
function whyNotYet({ plan, passkey, repeat, folder, strength }: FormState): string | null {
  if (plan === null) return 'Counting your notes…';
  // Main refuses both as well; these are its sentences.
  if (plan.refusal !== null) return plan.refusal;
  if (passkey === '') return 'Enter a passkey.';
  if (passkey !== repeat) return 'Type the same passkey twice.';
  if (folder === null) return 'Choose a folder for the backup.';
  if (strength === null) return 'Checking the passkey…';
  return passkeyScoreProblem(strength.score, strength.warning || null);
}

/** Weights for the progress bar until the plan has arrived: no bytes, Argon2id's 2 s. */
const NO_PLAN_PHASES = backupPhaseSeconds(0, 2);

/**
 * The backup dialog's state: what the backup would hold, where and how long (main's plan),
 * the passkey typed twice (refused below the shared minimum score, as main refuses it), the
 * remembered folder, then the running job with one overall progress, then the file made or
 * what went wrong. Each opening starts from an empty form; closing forgets the passkey.
 */
export function useBackupDialog(open: boolean) {
  const api = useApi();
  const [passkey, setPasskey] = useState('');
  const [repeat, setRepeat] = useState('');
  const [folder, setFolder] = useState<BackupFolderState | null>(null);
  const [plan, setPlan] = useState<BackupPlan | null>(null);
  const [suggested, setSuggested] = useState<string | null>(null);
  const [stage, setStage] = useState<BackupStage>({ kind: 'form' });
  const strength = usePasskeyStrength(passkey);
  const progress = useBackupProgress(stage.kind === 'running', plan?.phaseSeconds ?? NO_PLAN_PHASES);
  const fail = (error: unknown) => setStage({ kind: 'failed', error: describeError(error) });

  useEffect(() => {
    // On closing too: a passkey is not kept in the page's memory for the next opening.
    setPasskey('');
    setRepeat('');
    setSuggested(null);
    setPlan(null);
    if (!open) return;
    setStage({ kind: 'form' });
    Promise.all([api.backup.getFolder(), api.backup.plan()])
      .then(([state, planned]) => {
        setFolder(state);
        setPlan(planned);
      })
      .catch((error: unknown) => setStage({ kind: 'failed', error: describeError(error) }));
  }, [api, open]);

  const problem = whyNotYet({ plan, passkey, repeat, folder: folder?.folder ?? null, strength });

  const changeFolder = () => {
    api.settings
      .chooseBackupFolder()
      .then(async (chosen) => {
        if (!chosen) return;
        setFolder({ folder: chosen.backupFolder, busy: folder?.busy ?? false });
        setPlan(await api.backup.plan());
      })
      .catch(fail);
  };

  /** Fills both fields with a generated passphrase, shown in clear so it can go to a password manager. */
  const suggest = () => {
    newPassphrase()
      .then((phrase) => {
        setSuggested(phrase);
        setPasskey(phrase);
        setRepeat(phrase);
      })
      .catch(fail);
  };

  // Typing over a suggestion stops showing it: what is shown is always what will be used.
  const typePasskey = (value: string) => {
    setSuggested(null);
    setPasskey(value);
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
    setPasskey: typePasskey,
    repeat,
    setRepeat,
    suggested,
    suggest,
    folder: folder?.folder ?? null,
    plan,
    stage,
    retry: () => setStage({ kind: 'form' }),
    strength,
    progress,
    problem,
    changeFolder,
    start,
    cancel,
    showInFolder,
  };
}

export type BackupDialogState = ReturnType<typeof useBackupDialog>;

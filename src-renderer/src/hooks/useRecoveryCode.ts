import { useState } from 'react';
import type { BackupNames, RecoveryCodeState } from '../../../src-shared/ipc/contract-recovery-code';
import { describeOldCodeStillOpens, RECOVERY_CODE_REVOKED } from '../../../src-shared/recovery-code-text';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/**
 * Settings' recovery code: whether one exists (and what it opens), the dialog that makes one,
 * and the notice after a revoke. A replace or revoke is confirmed in main's own dialog, which
 * names the backups the old code still opens; a "no" there changes nothing here.
 */
export function useRecoveryCode(onError: (error: unknown) => void) {
  const api = useApi();
  const { data: state = null, reload } = useApiCall<RecoveryCodeState>(
    (a) => a.recoveryCode.status(),
    [],
    onError,
  );
  const [dialogOpen, setDialogOpen] = useState(false);
  const [working, setWorking] = useState(false);
  const [notice, setNotice] = useState('');

  const revoke = () => {
    // The button stays enabled while main asks (a disabled one would drop focus): ignore a second press.
    if (working) return;
    setNotice('');
    setWorking(true);
    api.recoveryCode
      .revoke()
      .then((revoked) => {
        if (revoked === null) return;
        setNotice(`${RECOVERY_CODE_REVOKED} ${oldCodeSentence(revoked.oldCodeStillOpens)}`);
        reload();
      })
      .catch(onError)
      .finally(() => setWorking(false));
  };

  return {
    state,
    working,
    notice,
    dialogOpen,
    openDialog: () => {
      setNotice('');
      setDialogOpen(true);
    },
    /** The dialog closed: what exists changed if a code was made. */
    closeDialog: () => {
      setDialogOpen(false);
      reload();
    },
    revoke,
  };
}

/** What the old code still opens, naming the backups (up to ten) after the shared sentence. */
export function oldCodeSentence(opens: BackupNames): string {
  const sentence = describeOldCodeStillOpens(opens.total);
  if (opens.total === 0) return sentence;
  const shown = opens.names.slice(0, 10).join(', ');
  const more = opens.total > 10 ? `, and ${opens.total - 10} more` : '';
  return `${sentence} They are: ${shown}${more}.`;
}

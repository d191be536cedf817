import { useEffect, useState } from 'react';
import type { PasskeyChangeDone } from '../../../src-shared/ipc/contract-passkey';
import { passkeyScoreProblem } from '../../../src-shared/passkey-strength';
import { describeError } from '../api';
import type { ShownError } from '../api';
import { useApi } from '../api-context';
import { useJobProgress } from './useJobProgress';
import { usePasskeyStrength } from './usePasskeyStrength';

export type ChangePasskeyStage =
  | { kind: 'form'; declined: boolean }
  | { kind: 'running'; cancelling: boolean }
  | { kind: 'done'; done: PasskeyChangeDone }
  | { kind: 'failed'; error: ShownError };

/**
 * The passkey change dialog's state: the current passkey, the new one twice (held to the rule of
 * every new passkey), the job's progress and its report. Every passkey is forgotten when the
 * dialog closes or the change starts.
 */
export function useChangePasskey(open: boolean) {
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [stage, setStage] = useState<ChangePasskeyStage>({ kind: 'form', declined: false });
  const strength = usePasskeyStrength(next);
  const running = stage.kind === 'running';
  const progress = useJobProgress('passkey', running);

  useEffect(() => {
    setCurrent('');
    setNext('');
    setRepeat('');
    if (open) setStage({ kind: 'form', declined: false });
  }, [open]);

  const reason = whyNotYet(current, next, repeat, strength);

  const start = () => {
    if (reason !== null || running) return;
    const oldPasskey = current;
    const newPasskey = next;
    setStage({ kind: 'running', cancelling: false });
    api.passkey
      .change({ oldPasskey, newPasskey })
      .then((done) => {
        if (done === null) {
          setStage({ kind: 'form', declined: true });
          return;
        }
        setCurrent('');
        setNext('');
        setRepeat('');
        setStage({ kind: 'done', done });
      })
      .catch((error: unknown) => setStage({ kind: 'failed', error: describeError(error) }));
  };

  const cancel = () => {
    if (stage.kind !== 'running') return;
    setStage({ kind: 'running', cancelling: true });
    void api.passkey.cancel();
  };

  return {
    current,
    setCurrent,
    next,
    setNext,
    repeat,
    setRepeat,
    strength,
    reason,
    stage,
    running,
    progress,
    start,
    cancel,
    retry: () => setStage({ kind: 'form', declined: false }),
  };
}

function whyNotYet(
  current: string,
  next: string,
  repeat: string,
  strength: ReturnType<typeof usePasskeyStrength>,
): string | null {
  if (current === '') return 'Type your current passkey.';
  if (next === '') return 'Type a new passkey.';
  if (next === current) return 'The new passkey is the same as the current one. Choose a new passkey.';
  if (strength === null) return 'Checking the passkey…';
  const weak = passkeyScoreProblem(strength.score, strength.warning || null);
  if (weak !== null) return weak;
  if (repeat !== next) return 'Type the same new passkey again.';
  return null;
}

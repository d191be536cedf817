import { useCallback, useState } from 'react';
import { recoveryCodeNotReady } from '../components/RecoveryCodeField';

export type WayInKind = 'passkey' | 'recovery-code';

/** What a request that opens a backup carries: its passkey, or its recovery code instead. */
export type WayInArgs = { passkey: string } | { recoveryCode: string };

/**
 * The way into an existing backup the person is typing: its passkey, or the recovery code
 * after "Use a recovery code instead". `reason` says why it cannot be sent yet (null: it can).
 */
export function useWayIn(
  /** Why the button waits while the passkey is empty: each dialog keeps its own sentence. */
  passkeyMissing = 'Type the passkey of this backup to go on.',
) {
  const [kind, setKind] = useState<WayInKind>('passkey');
  const [passkey, setPasskey] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  // Stable, so an owner's effect may forget the secrets when its dialog closes.
  const reset = useCallback(() => {
    setKind('passkey');
    setPasskey('');
    setRecoveryCode('');
  }, []);
  const reason =
    kind === 'passkey' ? (passkey === '' ? passkeyMissing : null) : recoveryCodeNotReady(recoveryCode);
  return {
    kind,
    /** Switching forgets what was typed for the other way in. */
    setKind: (next: WayInKind) => {
      setKind(next);
      setPasskey('');
      setRecoveryCode('');
    },
    passkey,
    setPasskey,
    recoveryCode,
    setRecoveryCode,
    reason,
    args: (): WayInArgs => (kind === 'passkey' ? { passkey } : { recoveryCode }),
    /** Forgets both secrets and goes back to the passkey (a dialog closing). */
    reset,
  };
}

export type WayInState = ReturnType<typeof useWayIn>;

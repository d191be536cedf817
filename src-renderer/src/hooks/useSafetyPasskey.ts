import { useEffect, useState } from 'react';
import type { RestorePreviewView } from '../../../src-shared/ipc/contract-backup';
import { passkeyScoreProblem } from '../../../src-shared/passkey-strength';
import { usePasskeyStrength } from './usePasskeyStrength';

/** What `restore:run` carries about the key of the copy of the current notes. */
export type SafetyKeyChoice = { safetySamePasskey: true } | { safetyPasskey: string } | Record<string, never>;

/** How many notes the restore would replace: those that disappear, change or stay as they are. */
export function currentNoteCount(preview: RestorePreviewView): number {
  return preview.disappear.count + preview.change.count + preview.unchanged;
}

/**
 * The passkey that protects the copy of the current notes made before a restore. Asked only when
 * there are notes to protect and no passkey is kept yet (otherwise main writes the copy for the
 * kept passkey's public key). The person either says it is this backup's passkey (checked by
 * default, except for a file whose key costs less than NoteVault's default: a file from someone
 * else, most likely) or types their own twice, held to the rule for every new passkey. Cleared
 * with every new preview and on close.
 */
export function useSafetyPasskey(
  preview: RestorePreviewView | null,
  /** False when the backup was opened with its recovery code, which is no passkey to reuse. */
  canReuse = true,
) {
  const [sameChosen, setSame] = useState(true);
  const same = canReuse && sameChosen;
  const [passkey, setPasskey] = useState('');
  const [repeat, setRepeat] = useState('');
  const strength = usePasskeyStrength(same ? '' : passkey);
  const needed = preview !== null && !preview.safetyKeyIsKept && currentNoteCount(preview) > 0;

  useEffect(() => {
    setSame(preview === null || !preview.cheaperKeyThanDefault);
    setPasskey('');
    setRepeat('');
  }, [preview]);

  const problem = !needed || same ? null : whyNotYet(passkey, repeat, strength);
  const choice = (): SafetyKeyChoice => {
    if (!needed) return {};
    return same ? { safetySamePasskey: true } : { safetyPasskey: passkey };
  };
  return {
    needed,
    canReuse,
    same,
    setSame,
    passkey,
    setPasskey,
    repeat,
    setRepeat,
    strength,
    problem,
    choice,
  };
}

function whyNotYet(
  passkey: string,
  repeat: string,
  strength: ReturnType<typeof usePasskeyStrength>,
): string | null {
  if (passkey === '') return 'Enter your passkey for the copy of your current notes.';
  if (strength === null) return 'Checking the passkey…';
  const weak = passkeyScoreProblem(strength.score, strength.warning);
  if (weak !== null) return weak;
  if (repeat !== passkey) return 'Type the same passkey again.';
  return null;
}

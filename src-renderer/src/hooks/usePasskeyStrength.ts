import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { createPasskeyEstimator } from '../../../src-shared/passkey-strength';
import type { PasskeyScore } from '../../../src-shared/passkey-strength';
import { useLatestCall } from './useLatestCall';

export interface PasskeyStrength {
  /** zxcvbn's 0 (too guessable) to 4 (very unguessable). */
  score: PasskeyScore;
  /** zxcvbn's own advice, in English; may be empty. */
  warning: string;
  suggestions: string[];
}

let factory: Promise<ZxcvbnFactory> | undefined;

// The dictionaries are about a megabyte: loaded once, on first use, as a separate chunk.
function loadFactory(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, en]) => createPasskeyEstimator({ core, common, en }));
  return factory;
}

/** zxcvbn's estimate for `passkey`, or null while it loads or when the passkey is empty. */
export function usePasskeyStrength(passkey: string): PasskeyStrength | null {
  const estimate = useLatestCall(
    () =>
      passkey === ''
        ? null
        : loadFactory().then((zxcvbn): PasskeyStrength => {
            const result = zxcvbn.check(passkey);
            return {
              score: result.score,
              warning: result.feedback.warning ?? '',
              suggestions: result.feedback.suggestions,
            };
          }),
    [passkey],
  );
  return passkey === '' ? null : (estimate.data ?? null);
}

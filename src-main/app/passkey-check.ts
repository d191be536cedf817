import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { assertPasskeyScore, createPasskeyEstimator } from '../../src-shared/passkey-strength';

let estimator: Promise<ZxcvbnFactory> | undefined;

// The dictionaries are about a megabyte: loaded on the first new passkey, not at start-up.
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, en]) => createPasskeyEstimator({ core, common, en }));
  return estimator;
}

/**
 * A passkey that will encrypt new backups (backup:create, schedule:enable) must pass the same
 * zxcvbn score the dialog shows: the renderer's check is a courtesy, this one is the rule.
 * Not for opening existing backups, whose passkey was chosen long ago.
 */
export async function assertNewPasskeyStrongEnough(passkey: string): Promise<void> {
  const result = (await loadEstimator()).check(passkey);
  assertPasskeyScore(result.score, result.feedback.warning);
}

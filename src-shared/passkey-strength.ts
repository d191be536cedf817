import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';
import type * as LanguageEn from '@zxcvbn-ts/language-en';
import { NoteVaultError } from './errors';

/**
 * The passkey rule, one source for the dialog (src-renderer/src/hooks/usePasskeyStrength.ts)
 * and the main process (src-main/app/passkey-check.ts), scored by zxcvbn-ts with the same
 * dictionaries on both sides, so the dialog never lets through what main refuses or back.
 *
 * Only types are imported here: the renderer loads zxcvbn-ts lazily as its own chunk (the
 * dictionaries are about a megabyte) and main loads it on first use; each passes the modules in.
 */
export const PASSKEY_SCORE = {
  /**
   * Below this a new passkey is refused everywhere, with no "use it anyway": zxcvbn's 0 and 1
   * are guessed in under 10^6 tries, seconds for anyone holding the file (issue #14: the dialog
   * called "password1" Very weak and still let it through).
   */
  minimum: 2,
  /** Below this the dialog shows zxcvbn's advice beside the meter (accepted, but could be better). */
  good: 3,
} as const;

export type PasskeyScore = 0 | 1 | 2 | 3 | 4;

interface ZxcvbnModules {
  core: { ZxcvbnFactory: typeof ZxcvbnFactory };
  common: Pick<typeof LanguageCommon, 'adjacencyGraphs' | 'dictionary'>;
  en: Pick<typeof LanguageEn, 'translations' | 'dictionary'>;
}

/** The estimator both processes use: English feedback, common and English dictionaries. */
export function createPasskeyEstimator({ core, common, en }: ZxcvbnModules): ZxcvbnFactory {
  return new core.ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
}

/**
 * Why a new passkey with this score is refused, or null when it is accepted: the one rule the
 * dialog shows beside its disabled button and main throws (assertPasskeyScore). `warning` is
 * zxcvbn's advice.
 */
export function passkeyScoreProblem(score: PasskeyScore, warning: string | null): string | null {
  if (score >= PASSKEY_SCORE.minimum) return null;
  const advice = warning ? ` (${warning.replace(/\.$/, '')})` : '';
  return `This passkey is too easy to guess${advice}. Choose a longer one, such as a few unrelated words.`;
}

/** Throws VALIDATION for a new passkey below PASSKEY_SCORE.minimum, with passkeyScoreProblem's sentence. */
export function assertPasskeyScore(score: PasskeyScore, warning: string | null): void {
  const problem = passkeyScoreProblem(score, warning);
  if (problem !== null) throw new NoteVaultError('VALIDATION', problem);
}

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
  /** Below this a new passkey is refused everywhere (zxcvbn's 0: guessed in under 10^3 tries). */
  minimum: 1,
  /** Below this the dialog asks for an explicit "use it anyway". */
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

/** Throws VALIDATION for a new passkey below PASSKEY_SCORE.minimum; `warning` is zxcvbn's advice. */
export function assertPasskeyScore(score: PasskeyScore, warning: string | null): void {
  if (score >= PASSKEY_SCORE.minimum) return;
  const advice = warning ? ` (${warning.replace(/\.$/, '')})` : '';
  throw new NoteVaultError(
    'VALIDATION',
    `This passkey is too easy to guess${advice}. Choose a longer one, such as a few unrelated words.`,
  );
}

import { useEffect, useState } from 'react';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export interface PasskeyStrength {
  /** zxcvbn's 0 (too guessable) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
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
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        translations: en.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary },
      }),
  );
  return factory;
}

/** zxcvbn's estimate for `passkey`, or null while it loads or when the passkey is empty. */
export function usePasskeyStrength(passkey: string): PasskeyStrength | null {
  const [strength, setStrength] = useState<PasskeyStrength | null>(null);
  useEffect(() => {
    if (passkey === '') {
      setStrength(null);
      return undefined;
    }
    let current = true;
    void loadFactory().then((zxcvbn) => {
      if (!current) return;
      const result = zxcvbn.check(passkey);
      setStrength({
        score: result.score,
        warning: result.feedback.warning ?? '',
        suggestions: result.feedback.suggestions,
      });
    });
    return () => {
      current = false;
    };
  }, [passkey]);
  return strength;
}

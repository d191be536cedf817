import { describe, expect, it } from 'vitest';
import { assertPasskeyScore, PASSKEY_SCORE } from './passkey-strength';

describe('assertPasskeyScore', () => {
  it('refuses a score below the minimum with zxcvbn advice, accepts the rest', () => {
    expect(() => assertPasskeyScore(0, 'This is a top-10 common password.')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message:
          'This passkey is too easy to guess (This is a top-10 common password). Choose a longer one, such as a few unrelated words.',
      }),
    );
    expect(() => assertPasskeyScore(0, null)).toThrow(/^This passkey is too easy to guess\. Choose/);
    for (const score of [1, 2, 3, 4] as const) expect(() => assertPasskeyScore(score, null)).not.toThrow();
  });

  it('keeps "use it anyway" meaningful: the minimum is below the good score', () => {
    expect(PASSKEY_SCORE.minimum).toBeLessThan(PASSKEY_SCORE.good);
  });
});

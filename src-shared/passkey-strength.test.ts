import { describe, expect, it } from 'vitest';
import { assertPasskeyScore, PASSKEY_SCORE, passkeyScoreProblem } from './passkey-strength';

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
    for (const score of [2, 3, 4] as const) expect(() => assertPasskeyScore(score, null)).not.toThrow();
  });

  // Issue #14: zxcvbn's 1 ("Weak": under 10^6 guesses) was accepted after one checkbox.
  it('refuses a score of 1 too: only Fair and better encrypt a backup', () => {
    expect(PASSKEY_SCORE.minimum).toBe(2);
    expect(() => assertPasskeyScore(1, 'This is similar to a commonly used password.')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});

describe('passkeyScoreProblem', () => {
  it('is the sentence main throws, so the dialog and main say the same', () => {
    for (const score of [0, 1] as const) {
      let thrown: unknown;
      try {
        assertPasskeyScore(score, 'Avoid repeated words.');
      } catch (error) {
        thrown = error;
      }
      expect(passkeyScoreProblem(score, 'Avoid repeated words.')).toBe((thrown as Error).message);
    }
    for (const score of [2, 3, 4] as const) expect(passkeyScoreProblem(score, null)).toBeNull();
  });
});

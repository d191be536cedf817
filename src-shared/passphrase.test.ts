import { describe, expect, it } from 'vitest';
import { passphraseEntropyBits, PASSPHRASE_MIN_WORDS, suggestPassphrase, uniformIndex } from './passphrase';
import type { RandomValues } from './passphrase';

// Web Crypto, as in the window (src-shared has neither DOM nor Node types: declared here).
const { crypto } = globalThis as unknown as { crypto: { getRandomValues: RandomValues } };
const cryptoRandom: RandomValues = (array) => crypto.getRandomValues(array);

/** A random source that returns the given values in turn, to see what is drawn again. */
function scripted(values: number[]): { random: RandomValues; used: () => number } {
  let next = 0;
  return {
    random: (array) => {
      array[0] = values[next++] ?? 0;
      return array;
    },
    used: () => next,
  };
}

describe('uniformIndex', () => {
  it('draws again above the largest multiple of n, so there is no modulo bias', () => {
    // 2^32 = 3 x 1431655765 + 1: the one value 4294967295 would make 0 more likely than 1 and 2.
    const source = scripted([4294967295, 4294967294]);
    expect(uniformIndex(3, source.random)).toBe(4294967294 % 3);
    expect(source.used()).toBe(2);
    const accepted = scripted([7]);
    expect(uniformIndex(3, accepted.random)).toBe(1);
    expect(accepted.used()).toBe(1);
  });

  it('refuses a range it cannot draw from', () => {
    expect(() => uniformIndex(0, cryptoRandom)).toThrow(RangeError);
    expect(() => uniformIndex(1.5, cryptoRandom)).toThrow(RangeError);
  });

  it('spreads evenly over the choices (chi-squared, 200,000 draws from 10)', () => {
    const counts = new Array<number>(10).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) counts[uniformIndex(10, cryptoRandom)]! += 1;
    const expected = draws / 10;
    const chiSquared = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: above 27.9 happens by chance once in a thousand runs.
    expect(chiSquared).toBeLessThan(27.9);
  });
});

describe('suggestPassphrase', () => {
  const words = Array.from({ length: 7776 }, (_, i) => `w${i}`);

  it('gives at least five words from the list, with 64 bits or more from a 7,776-word list', () => {
    const phrase = suggestPassphrase(words, cryptoRandom);
    const drawn = phrase.split(' ');
    expect(drawn).toHaveLength(PASSPHRASE_MIN_WORDS);
    for (const word of drawn) expect(words).toContain(word);
    expect(passphraseEntropyBits(7776, PASSPHRASE_MIN_WORDS)).toBeCloseTo(64.6, 1);
    expect(passphraseEntropyBits(2048, 6)).toBe(66);
    expect(suggestPassphrase(words, cryptoRandom, 7).split(' ')).toHaveLength(7);
  });

  it('does not repeat itself: 1,000 suggestions are all different', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => suggestPassphrase(words, cryptoRandom)));
    expect(seen.size).toBe(1000);
  });

  it('refuses fewer than five words and a list with repeats', () => {
    expect(() => suggestPassphrase(words, cryptoRandom, 4)).toThrow(/at least 5 words/);
    expect(() => suggestPassphrase(['a', 'a', 'b'], cryptoRandom)).toThrow(/distinct/);
  });
});

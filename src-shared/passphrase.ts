/**
 * Suggested passphrases: words drawn uniformly and independently from a word list with a
 * cryptographic random source. No Node or DOM imports: the random source is passed in
 * (crypto.getRandomValues in the window and in Node 20+).
 */

/** Fills the array in place with cryptographically strong random values (crypto.getRandomValues). */
export type RandomValues = (array: Uint32Array<ArrayBuffer>) => unknown;

/** At least five words: with a 7,776-word list that is 64.6 bits, beyond guessing for a file thief. */
export const PASSPHRASE_MIN_WORDS = 5;

const RANGE = 2 ** 32;

/**
 * A uniform whole number in [0, n), by rejection sampling: values at or above the largest
 * multiple of n below 2^32 are drawn again, so no index is more likely than another (a plain
 * `% n` would favour the low ones).
 */
export function uniformIndex(n: number, random: RandomValues): number {
  if (!Number.isInteger(n) || n < 1 || n > RANGE) throw new RangeError(`Cannot draw from ${n} choices.`);
  const limit = RANGE - (RANGE % n);
  const buffer = new Uint32Array(1);
  for (;;) {
    random(buffer);
    const value = buffer[0] ?? 0;
    if (value < limit) return value % n;
  }
}

/** Bits of entropy of `count` words drawn independently from `listSize` distinct words. */
export function passphraseEntropyBits(listSize: number, count: number): number {
  return count * Math.log2(listSize);
}

/**
 * `count` words (at least PASSPHRASE_MIN_WORDS) from `words`, separated by spaces. The list
 * must hold distinct words, or the entropy is less than passphraseEntropyBits says.
 */
export function suggestPassphrase(
  words: readonly string[],
  random: RandomValues,
  count = PASSPHRASE_MIN_WORDS,
): string {
  if (count < PASSPHRASE_MIN_WORDS)
    throw new RangeError(`A passphrase has at least ${PASSPHRASE_MIN_WORDS} words.`);
  if (new Set(words).size !== words.length || words.length < 2) {
    throw new RangeError('A passphrase word list needs at least two distinct words.');
  }
  return Array.from({ length: count }, () => words[uniformIndex(words.length, random)]).join(' ');
}

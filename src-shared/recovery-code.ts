import { NoteVaultError } from './errors';

/**
 * The recovery code as text, exactly as docs/backup-format.md section 19 defines it: 20 random
 * bytes written as 32 Crockford base-32 symbols in 8 groups of 4, each group followed by a
 * check symbol, e.g. `0000B-0000P-...`. Shared because the window checks a typed code as it is
 * typed and main checks it again; no Node or DOM here, and no key work: a typo is caught before
 * any (docs/security.md).
 */

/** 160 bits from the operating system's cryptographic source. */
export const RECOVERY_CODE_BYTES = 20;
export const RECOVERY_CODE_GROUPS = 8;
/** Data symbols per group; each group also has one check symbol. */
const DATA_SYMBOLS_PER_GROUP = 4;
const GROUP_LENGTH = DATA_SYMBOLS_PER_GROUP + 1;
/** Symbols of a whole code once normalised: 8 x 5 = 40. */
export const RECOVERY_CODE_SYMBOLS = RECOVERY_CODE_GROUPS * GROUP_LENGTH;

/** Crockford's base 32: no I, L, O or U; a symbol's value is its position. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_WEIGHTS = [1, 3, 5, 7] as const;
const GROUP_WEIGHT = 11;

/**
 * Any longer paste is refused before it is scanned. Generous: 40 symbols, 7 dashes and a space
 * on each side of every dash, or a code pasted with line breaks from a printed sheet.
 */
const MAX_TYPED_LENGTH = 200;

export type RecoveryCodeProblem = 'length' | 'symbol' | 'check';

export type ParsedRecoveryCode =
  | { ok: true; bytes: Uint8Array }
  | {
      ok: false;
      reason: RecoveryCodeProblem;
      /**
       * The first group (1-8, as a person counts them) holding the problem, for 'symbol' and
       * 'check'; absent for 'length'.
       */
      group?: number;
      /** One sentence for a person; it never repeats any character of what was typed. */
      message: string;
    };

/** The check symbol's value for group `group` (0-7) with data values `values`. */
function checkValue(values: readonly number[], group: number): number {
  let sum = GROUP_WEIGHT * (group + 1);
  CHECK_WEIGHTS.forEach((weight, i) => (sum += weight * (values[i] ?? 0)));
  return sum % ALPHABET.length;
}

/** The 20 bytes as `XXXXX-XXXXX-...`: 8 groups of 4 data symbols and a check symbol. */
export function formatRecoveryCode(bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_CODE_BYTES) {
    throw new NoteVaultError(
      'INTERNAL',
      `A recovery code is ${RECOVERY_CODE_BYTES} bytes; NoteVault was given ${bytes.length}.`,
    );
  }
  const values = toSymbolValues(bytes);
  const groups: string[] = [];
  for (let g = 0; g < RECOVERY_CODE_GROUPS; g++) {
    const data = values.slice(g * DATA_SYMBOLS_PER_GROUP, (g + 1) * DATA_SYMBOLS_PER_GROUP);
    groups.push([...data, checkValue(data, g)].map((v) => ALPHABET[v]).join(''));
  }
  return groups.join('-');
}

/**
 * Reads a typed code: uppercase, drop white space and `-`, read O as 0 and I or L as 1; then it
 * must be 40 symbols of the alphabet with every group's check symbol right. The checks run in
 * that order, so a person hears about the first thing to fix.
 */
export function parseRecoveryCode(text: string): ParsedRecoveryCode {
  if (text.length > MAX_TYPED_LENGTH) return lengthProblem(null);
  const symbols = normalise(text);
  const values: number[] = [];
  for (let i = 0; i < symbols.length; i++) {
    const value = ALPHABET.indexOf(symbols.charAt(i));
    if (value === -1) {
      const group = Math.floor(i / GROUP_LENGTH) + 1;
      return {
        ok: false,
        reason: 'symbol',
        group,
        message:
          `Group ${group} of the recovery code has a character recovery codes do not use ` +
          '(they use only digits and the letters A to Z without U); check it against your recovery sheet.',
      };
    }
    values.push(value);
  }
  if (values.length !== RECOVERY_CODE_SYMBOLS) return lengthProblem(values.length);

  const wrongGroups: number[] = [];
  const data: number[] = [];
  for (let g = 0; g < RECOVERY_CODE_GROUPS; g++) {
    const group = values.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH);
    const groupData = group.slice(0, DATA_SYMBOLS_PER_GROUP);
    if (group[DATA_SYMBOLS_PER_GROUP] !== checkValue(groupData, g)) wrongGroups.push(g + 1);
    data.push(...groupData);
  }
  const [first] = wrongGroups;
  if (first !== undefined) {
    const which = wrongGroups.length === 1 ? `Group ${first}` : `Groups ${listNumbers(wrongGroups)}`;
    return {
      ok: false,
      reason: 'check',
      group: first,
      message:
        `${which} of the recovery code ${wrongGroups.length === 1 ? 'has' : 'have'} a mistyped ` +
        'character (or groups in the wrong order); check against your recovery sheet.',
    };
  }
  return { ok: true, bytes: fromSymbolValues(data) };
}

/**
 * Only ASCII letters are uppercased: `toUpperCase` would turn some other letters into
 * alphabet ones ('ı' into I, 'ſ' into S), accepting text no sheet shows.
 */
function normalise(text: string): string {
  return text
    .replace(/[\s-]+/g, '')
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

function lengthProblem(count: number | null): ParsedRecoveryCode {
  const got = count === null ? 'what was given is far longer' : `this one has ${count}`;
  return {
    ok: false,
    reason: 'length',
    message:
      `A recovery code has ${RECOVERY_CODE_SYMBOLS} characters in ${RECOVERY_CODE_GROUPS} groups of ` +
      `${GROUP_LENGTH} and ${got}; type all of it as your recovery sheet shows it.`,
  };
}

function listNumbers(numbers: readonly number[]): string {
  const head = numbers.slice(0, -1).join(', ');
  return `${head} and ${numbers[numbers.length - 1]}`;
}

/** Bytes to 5-bit values, most significant bit first (160 bits: exactly 32 values). */
function toSymbolValues(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      values.push((buffer >> bits) & 31);
    }
  }
  return values;
}

function fromSymbolValues(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(RECOVERY_CODE_BYTES);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const value of values) {
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

import { describe, expect, it } from 'vitest';
import { RECOVERY_CODE_BYTES, formatRecoveryCode, parseRecoveryCode } from './recovery-code';

// Known answers computed apart from this code (a few lines of Python following
// docs/backup-format.md section 19 alone), so a shared mistake in format and parse shows.
const VECTORS: readonly (readonly [string, string])[] = [
  ['0000000000000000000000000000000000000000', '0000B-0000P-00001-0000C-0000Q-00002-0000D-0000R'],
  ['000102030405060708090a0b0c0d0e0f10111213', '000GV-40R4E-0M30C-E209Z-185GS-R38ED-1W81H-24GKV'],
  ['ffffffffffffffffffffffffffffffffffffffff', 'ZZZZV-ZZZZ6-ZZZZH-ZZZZW-ZZZZ7-ZZZZJ-ZZZZX-ZZZZ8'],
  ['8f3a5c01d2e7946b0c5fa1b2c3d4e5f60718293a', 'HWX54-R0EJJ-WYA6K-P32ZE-M6SCE-7N75E-YR3HS-GA9T9'],
];
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SAMPLE = VECTORS[3]![1];

// No Node here (src-shared compiles without its types), so hex by hand.
function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** A fixed pseudo-random sequence (xorshift32): the round trip needs variety, not secrecy. */
function pseudoRandomBytes(seed: number, count: number): Uint8Array {
  let x = seed;
  return Uint8Array.from({ length: count }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

function parsedBytes(text: string): string {
  const parsed = parseRecoveryCode(text);
  if (!parsed.ok) throw new Error(`expected ${text} to parse: ${parsed.message}`);
  return hex(parsed.bytes);
}

/** The check symbol by section 19's formula, written out again here. */
function checkSymbol(data: string, group: number): string {
  const v = [...data].map((c) => ALPHABET.indexOf(c));
  return ALPHABET[(v[0]! + 3 * v[1]! + 5 * v[2]! + 7 * v[3]! + 11 * (group + 1)) % 32]!;
}

describe('formatRecoveryCode', () => {
  it.each(VECTORS)('writes %s as the known answer', (bytesHex, text) => {
    expect(formatRecoveryCode(fromHex(bytesHex))).toBe(text);
    expect(parsedBytes(text)).toBe(bytesHex);
  });

  it('round-trips varied codes and always shows 8 groups of 5 from the alphabet', () => {
    for (let i = 0; i < 500; i++) {
      const bytes = pseudoRandomBytes(i + 1, RECOVERY_CODE_BYTES);
      const text = formatRecoveryCode(bytes);
      expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){7}$/);
      expect(parsedBytes(text)).toBe(hex(bytes));
    }
  });

  it('refuses anything but 20 bytes', () => {
    expect(() => formatRecoveryCode(new Uint8Array(19))).toThrow(/20 bytes/);
    expect(() => formatRecoveryCode(new Uint8Array(21))).toThrow(/20 bytes/);
  });
});

describe('parseRecoveryCode', () => {
  it('catches every single substituted symbol in every position, naming its group', () => {
    const symbols = SAMPLE.replace(/-/g, '');
    let tried = 0;
    for (let position = 0; position < symbols.length; position++) {
      for (const replacement of ALPHABET) {
        if (replacement === symbols[position]) continue;
        const typed = symbols.slice(0, position) + replacement + symbols.slice(position + 1);
        const parsed = parseRecoveryCode(typed);
        expect(parsed, `${typed}`).toMatchObject({
          ok: false,
          reason: 'check',
          group: Math.floor(position / 5) + 1,
        });
        tried++;
      }
    }
    expect(tried).toBe(40 * 31);
  });

  it("catches every pair of groups typed in each other's place", () => {
    const groups = SAMPLE.split('-');
    for (let a = 0; a < 8; a++) {
      for (let b = a + 1; b < 8; b++) {
        const swapped = [...groups];
        [swapped[a], swapped[b]] = [groups[b]!, groups[a]!];
        expect(parseRecoveryCode(swapped.join('-'))).toMatchObject({
          ok: false,
          reason: 'check',
          group: a + 1,
        });
      }
    }
  });

  it('catches a swap of neighbouring data symbols unless their values differ by 16', () => {
    // Every pair of values in every neighbouring data position of a group: the check changes
    // by 2 x (difference) mod 32, so only a difference of 16 slips through, as section 19 says ("most").
    let caught = 0;
    let missed = 0;
    for (let i = 0; i < 3; i++) {
      for (let x = 0; x < 32; x++) {
        for (let y = 0; y < 32; y++) {
          if (x === y) continue;
          const data = ['0', '0', '0', '0'];
          data[i] = ALPHABET[x]!;
          data[i + 1] = ALPHABET[y]!;
          const good = data.join('') + checkSymbol(data.join(''), 0);
          const swapped = [...good];
          [swapped[i], swapped[i + 1]] = [good[i + 1]!, good[i]!];
          const rest = SAMPLE.slice(6);
          expect(parseRecoveryCode(`${good}-${rest}`).ok).toBe(true);
          const result = parseRecoveryCode(`${swapped.join('')}-${rest}`);
          if (result.ok) missed++;
          else caught++;
          expect(result.ok).toBe(Math.abs(x - y) === 16);
        }
      }
    }
    expect(caught).toBe(3 * (32 * 31 - 32));
    expect(missed).toBe(3 * 32);
  });

  it('accepts lowercase, spaces, no separators, line breaks, and O, I, L for 0, 1, 1', () => {
    const bytes = parsedBytes(SAMPLE);
    expect(parsedBytes(SAMPLE.toLowerCase())).toBe(bytes);
    expect(parsedBytes(SAMPLE.replace(/-/g, ' '))).toBe(bytes);
    expect(parsedBytes(SAMPLE.replace(/-/g, ''))).toBe(bytes);
    expect(parsedBytes(`  ${SAMPLE.replace(/-/g, ' - ').replace('M6SCE', 'M6SCE\n')}\n`)).toBe(bytes);
    // The sample has 0 in groups 2 and 4 and 1 nowhere; a vector with both:
    const zeros = VECTORS[0]![1];
    expect(parsedBytes(zeros.replace(/0/g, 'O'))).toBe(parsedBytes(zeros));
    expect(parsedBytes(zeros.replace(/0/g, 'o'))).toBe(parsedBytes(zeros));
    expect(parsedBytes(zeros.replace('00001', '0000I'))).toBe(parsedBytes(zeros));
    expect(parsedBytes(zeros.replace('00001', '0000l'))).toBe(parsedBytes(zeros));
    expect(parsedBytes(zeros.replace('00001', '0000L'))).toBe(parsedBytes(zeros));
  });

  it('refuses a character outside the alphabet, naming its group', () => {
    expect(parseRecoveryCode(SAMPLE.replace('R0EJJ', 'R0UJJ'))).toMatchObject({
      ok: false,
      reason: 'symbol',
      group: 2,
    });
    expect(parseRecoveryCode(SAMPLE.replace('GA9T9', 'GA9T!'))).toMatchObject({ reason: 'symbol', group: 8 });
    // Other scripts are never folded into the alphabet: dotless i is not I, long s is not S.
    expect(parseRecoveryCode(VECTORS[0]![1].replace('00001', '0000ı'))).toMatchObject({
      reason: 'symbol',
      group: 3,
    });
    expect(parseRecoveryCode(SAMPLE.replace('M6SCE', 'M6ſCE'))).toMatchObject({ reason: 'symbol', group: 5 });
  });

  it('refuses a code of the wrong length, and an overlong paste without scanning it', () => {
    const symbols = SAMPLE.replace(/-/g, '');
    for (const typed of ['', symbols.slice(0, 39), `${symbols}0`, SAMPLE.slice(0, -6)]) {
      const parsed = parseRecoveryCode(typed);
      expect(parsed).toMatchObject({ ok: false, reason: 'length' });
      expect(parsed).not.toHaveProperty('group');
    }
    expect(parseRecoveryCode(`${SAMPLE} ${'-'.repeat(200)}`)).toMatchObject({ reason: 'length' });
  });

  it('names every wrong group in one sentence that repeats nothing typed', () => {
    const groups = SAMPLE.split('-');
    groups[1] = `${groups[1]!.slice(0, 4)}0`;
    groups[6] = `${groups[6]!.slice(0, 4)}0`;
    const parsed = parseRecoveryCode(groups.join('-'));
    expect(parsed).toMatchObject({ ok: false, reason: 'check', group: 2 });
    if (parsed.ok) return;
    expect(parsed.message).toMatch(/^Groups 2 and 7 of the recovery code have a mistyped character/);
    for (const group of groups) expect(parsed.message).not.toContain(group);
  });
});

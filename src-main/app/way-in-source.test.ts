import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { formatRecoveryCode } from '../../src-shared/recovery-code';
import { keySourceFromWayIn, requiredKeySource } from './way-in-source';

function refusal(run: () => unknown): NoteVaultError {
  try {
    run();
  } catch (error) {
    if (error instanceof NoteVaultError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('keySourceFromWayIn', () => {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  const code = formatRecoveryCode(bytes);

  it('parses the recovery code again in main, as typed loosely', () => {
    expect(keySourceFromWayIn({ recoveryCode: ` ${code.toLowerCase()} ` })).toEqual({ recoveryCode: bytes });
    expect(keySourceFromWayIn({ passkey: 'p' })).toEqual({ passkey: 'p' });
    expect(keySourceFromWayIn({})).toBeUndefined();
  });

  it('names the mistyped group, and refuses both or (where one is needed) neither', () => {
    const groups = code.split('-');
    groups[4] = `${groups[4]?.startsWith('0') ? '1' : '0'}${groups[4]?.slice(1) ?? ''}`;
    const typo = refusal(() => keySourceFromWayIn({ recoveryCode: groups.join('-') }));
    expect(typo.code).toBe('VALIDATION');
    expect(typo.message).toMatch(/^Group 5 /);
    expect(refusal(() => keySourceFromWayIn({ passkey: 'p', recoveryCode: code })).message).toMatch(
      /not both/,
    );
    expect(refusal(() => requiredKeySource({})).code).toBe('VALIDATION');
  });
});

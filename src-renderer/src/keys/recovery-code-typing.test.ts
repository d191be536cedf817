import { describe, expect, it } from 'vitest';
import { checkTypedRecoveryCode } from './recovery-code-typing';

// A code from the shared parser's own known answers (src-shared/recovery-code.test.ts).
const CODE = 'HWX54-R0EJJ-WYA6K-P32ZE-M6SCE-7N75E-YR3HS-GA9T9';

describe('checkTypedRecoveryCode', () => {
  it('is ready only once every group is there and right', () => {
    expect(checkTypedRecoveryCode(CODE)).toEqual({ ready: true, groupsTyped: 8, problem: null });
    expect(checkTypedRecoveryCode(CODE.toLowerCase().replaceAll('-', ' '))).toMatchObject({ ready: true });
    expect(checkTypedRecoveryCode(CODE.slice(0, 17))).toEqual({
      ready: false,
      groupsTyped: 3,
      problem: null,
    });
    expect(checkTypedRecoveryCode('')).toEqual({ ready: false, groupsTyped: 0, problem: null });
  });

  it('names a mistyped group as soon as it is typed, before the rest', () => {
    // Group 2's first character changed: R -> S.
    const typo = checkTypedRecoveryCode('HWX54-S0EJJ-WY');
    expect(typo.ready).toBe(false);
    expect(typo.problem).toMatch(/^Group 2 of the recovery code has a mistyped character/);
    // Typing on does not hide it.
    expect(checkTypedRecoveryCode(`HWX54-S0EJJ${CODE.slice(11)}`).problem).toMatch(/^Group 2 /);
  });

  it('names a group typed in the wrong place', () => {
    // Each group's check symbol depends on its place: the first one out of place is named.
    expect(checkTypedRecoveryCode('R0EJJ-HWX54').problem).toMatch(/^Group 1 .*wrong order/);
  });

  it('names a character recovery codes do not use with its group', () => {
    expect(checkTypedRecoveryCode('HWX54-R0EUJ').problem).toMatch(
      /^Group 2 of the recovery code has a character/,
    );
  });

  it('says a code that is too long is too long', () => {
    expect(checkTypedRecoveryCode(`${CODE}-AAAAA`).problem).toMatch(/has 40 characters/);
  });
});

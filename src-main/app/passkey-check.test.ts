import { expect, it } from 'vitest';
import { assertNewPasskeyStrongEnough } from './passkey-check';

// The real zxcvbn-ts with the dialog's dictionaries (src-shared/passkey-strength.ts).
it.each(['a', 'password1', 'qwerty', '12345678', 'Password123', 'monkey1'])(
  'refuses %j as too easy to guess',
  async (passkey) => {
    await expect(assertNewPasskeyStrongEnough(passkey)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^This passkey is too easy to guess/) as unknown,
    });
  },
);

it.each(['amber-lighthouse-cinnamon-17', 'fixture passkey', 'Tr0ub4dor&3'])('accepts %j', async (passkey) => {
  await expect(assertNewPasskeyStrongEnough(passkey)).resolves.toBeUndefined();
});

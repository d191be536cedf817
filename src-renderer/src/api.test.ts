import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { apiOver, describeError } from './api';

const OUTSIDE =
  'NoteVault cannot reach its main process: this page was opened outside the NoteVault app. Start NoteVault itself.';

describe('apiOver', () => {
  it('without a transport, fails every request with a sentence saying to start NoteVault', async () => {
    const api = apiOver(undefined);
    const failure = await api.notes.list().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NoteVaultError);
    expect(describeError(failure)).toEqual({ message: OUTSIDE, code: 'INTERNAL' });
  });

  it('without a transport, refuses subscriptions with the same sentence', () => {
    expect(() => apiOver(undefined).notes.onDidChange(() => undefined)).toThrow(OUTSIDE);
  });

  it('over a transport, sends each request on its channel and returns the value', async () => {
    const sent: string[] = [];
    const api = apiOver({
      invoke: (channel) => {
        sent.push(channel);
        return Promise.resolve({ ok: true, value: 4 });
      },
      subscribe: () => () => undefined,
    });
    await expect(api.notes.count({ trashed: true })).resolves.toBe(4);
    expect(sent).toEqual(['notes:count']);
  });
});

describe('describeError', () => {
  it('keeps the sentence apart from the code and details shown behind "Details"', () => {
    const error = new NoteVaultError('WRONG_PASSKEY', 'That passkey does not open this backup.', {
      details: 'its first chunk (byte offset 64) could not be decrypted',
    });
    expect(describeError(error)).toEqual({
      message: 'That passkey does not open this backup.',
      code: 'WRONG_PASSKEY',
      details: 'its first chunk (byte offset 64) could not be decrypted',
    });
  });

  it('shows a stray Error as a plain sentence, its text only as details', () => {
    expect(describeError(new TypeError('x is undefined'))).toEqual({
      message: 'Something went wrong inside NoteVault. Please try again.',
      details: 'x is undefined',
    });
  });
});

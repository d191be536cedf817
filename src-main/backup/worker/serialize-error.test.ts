import { describe, expect, it } from 'vitest';
import { MAX_ERROR_DETAILS_CHARS, NoteVaultError } from '../../../src-shared/errors';
import { deserializeError, serializeError } from './serialize-error';

describe('serializeError / deserializeError', () => {
  it('keeps the code and message of a NoteVaultError and nothing else', () => {
    const error = new NoteVaultError('WRONG_PASSKEY', 'The passkey is wrong.');
    const wire = serializeError(error);
    expect(wire).toEqual({ code: 'WRONG_PASSKEY', message: 'The passkey is wrong.' });
    expect(Object.keys(wire)).toEqual(['code', 'message']);
    const back = deserializeError(structuredClone(wire));
    expect(back).toBeInstanceOf(NoteVaultError);
    expect(back.code).toBe('WRONG_PASSKEY');
    expect(back.message).toBe('The passkey is wrong.');
  });

  it('carries the details across, bounded in length', () => {
    const error = new NoteVaultError('BACKUP_DAMAGED', 'This backup file is damaged.', {
      details: 'damaged at byte offset 4096 (chunk 1)',
    });
    const back = deserializeError(structuredClone(serializeError(error)));
    expect(back.details).toBe('damaged at byte offset 4096 (chunk 1)');
    const long = new NoteVaultError('IO', 'm', { details: 'x'.repeat(MAX_ERROR_DETAILS_CHARS * 2) });
    expect(serializeError(long).details).toHaveLength(MAX_ERROR_DETAILS_CHARS);
  });

  it('turns any other error into INTERNAL with its message but without its stack', () => {
    const error = new TypeError('x is not a function');
    const wire = serializeError(error);
    expect(wire.code).toBe('INTERNAL');
    expect(wire.message).toMatch(/x is not a function.*bug/);
    expect(wire.message).not.toContain(__filename);
    expect(serializeError('plain string').message).toMatch(/plain string/);
  });

  it('refuses malformed wire values as INTERNAL', () => {
    const tooLong = 'x'.repeat(MAX_ERROR_DETAILS_CHARS + 1);
    for (const value of [
      null,
      undefined,
      'x',
      { code: 'NOPE', message: 'm' },
      { code: 'IO' },
      { code: 'IO', message: 'm', details: 7 },
      { code: 'IO', message: 'm', details: tooLong },
    ]) {
      const error = deserializeError(value);
      expect(error.code).toBe('INTERNAL');
      expect(error.message).toMatch(/form NoteVault does not know/);
    }
  });
});

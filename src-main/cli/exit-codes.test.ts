import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/errors';
import { EXIT_CODES, EXIT_CODE_DESCRIPTIONS, exitCodeForError } from './exit-codes';

describe('exit codes', () => {
  it('defines 0 to 5, each with a help line', () => {
    expect(Object.values(EXIT_CODES).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(EXIT_CODE_DESCRIPTIONS.map(([code]) => code)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('maps every NoteVaultError code to a failure exit code, never success or usage', () => {
    for (const code of ERROR_CODES) {
      expect([1, 3, 4, 5]).toContain(exitCodeForError(code));
    }
  });

  it.each([
    ['WRONG_PASSKEY', 3],
    ['WRONG_RECOVERY_CODE', 3],
    ['KEY_MISMATCH', 3],
    ['BACKUP_DAMAGED', 4],
    ['NOT_A_BACKUP', 4],
    ['BACKUP_UNSUPPORTED', 4],
    ['DB_NEWER_SCHEMA', 4],
    ['DB_CORRUPT', 4],
    ['FILE_LOCKED', 5],
    ['IO', 5],
    ['DISK_FULL', 5],
    ['VALIDATION', 1],
    ['INTERNAL', 1],
  ] as const)('maps %s to %i', (code, exitCode) => {
    expect(exitCodeForError(code)).toBe(exitCode);
  });
});

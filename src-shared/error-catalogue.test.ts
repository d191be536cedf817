import { describe, expect, it } from 'vitest';
import { NOTHING_CHANGED, plainErrorMessage } from './error-catalogue';
import type { ErrorOperation } from './error-catalogue';
import { ERROR_CODES } from './errors';

const OPERATIONS: readonly ErrorOperation[] = ['backup', 'preview', 'restore', 'verify', 'browse', 'inspect'];

describe('plainErrorMessage', () => {
  it('says what happened and what to do in one sentence, then what was left unchanged', () => {
    expect(plainErrorMessage('WRONG_PASSKEY', 'restore')).toBe(
      'That passkey does not open this backup: check it (capital letters count) and try again. Your current notes were not changed.',
    );
    expect(plainErrorMessage('CANCELLED', 'backup')).toBe(
      'The backup was cancelled. No backup file was left behind.',
    );
    // Reading never changes anything, so a check does not say so.
    expect(plainErrorMessage('WRONG_PASSKEY', 'verify')).toBe(
      'That passkey does not open this backup: check it (capital letters count) and try again.',
    );
  });

  it('says a new backup needs the passkey the backups use, not that "this backup" does not open', () => {
    // Since format 2 a manual backup is refused when its passkey is not the kept one.
    expect(plainErrorMessage('WRONG_PASSKEY', 'backup')).toBe(
      'That is not the passkey your backups use: type that one (capital letters count), or change it with Change passkey in Settings. No backup file was left behind.',
    );
  });

  it('asks for the backup’s own passkey when a saved key does not fit it', () => {
    expect(plainErrorMessage('KEY_MISMATCH', 'verify')).toMatch(/enter the passkey it was made with\.$/);
  });

  it('never promises "unchanged" after a bug or a refusal to start', () => {
    for (const operation of OPERATIONS) {
      for (const code of ['INTERNAL', 'BUSY'] as const) {
        const message = plainErrorMessage(code, operation) ?? '';
        for (const promise of Object.values(NOTHING_CHANGED)) {
          if (promise !== undefined) expect(message).not.toContain(promise);
        }
      }
    }
  });

  it('leaves codes whose own message names what to fix to that message', () => {
    for (const code of ['IO', 'VALIDATION', 'NOT_FOUND', 'DB_CORRUPT'] as const) {
      expect(plainErrorMessage(code, 'restore')).toBeUndefined();
    }
  });

  it('keeps every message free of paths, offsets and code names, with one sentence before the promise', () => {
    for (const operation of OPERATIONS) {
      for (const code of ERROR_CODES) {
        const message = plainErrorMessage(code, operation);
        if (message === undefined) continue;
        expect(message).not.toMatch(/[/\\]|offset|chunk|[A-Z]{3,}_/);
        const promise = NOTHING_CHANGED[operation];
        const sentence = promise === undefined ? message : message.replace(` ${promise}`, '');
        expect(sentence.match(/[.!?](\s|$)/g) ?? []).toHaveLength(1);
      }
    }
  });
});

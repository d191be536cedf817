import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { runWithCleanup } from './cleanup';
import { expectFailure } from '../../test/main/backup/format/test-support';

describe('runWithCleanup', () => {
  it('runs every step newest first, even after one fails, and returns the result', async () => {
    const order: string[] = [];
    const failing = runWithCleanup(
      (cleanup) => {
        cleanup.add(() => void order.push('first'));
        cleanup.add(() => {
          order.push('second');
          throw new NoteVaultError('IO', 'Could not wipe x.');
        });
        cleanup.add(() => void order.push('third'));
        return Promise.resolve('done');
      },
      (result) => `The ${result} work happened, but`,
    );
    await expectFailure(
      failing,
      'IO',
      /^The done work happened, but cleaning up afterwards failed: Could not wipe x\.$/,
    );
    expect(order).toEqual(['third', 'second', 'first']);
  });

  it('keeps the work’s own error and code, adding any cleanup failure to it', async () => {
    const both = runWithCleanup(
      (cleanup) => {
        cleanup.add(() => Promise.reject(new NoteVaultError('FILE_LOCKED', 'The temp file is locked.')));
        return Promise.reject(new NoteVaultError('WRONG_PASSKEY', 'The passkey is wrong.'));
      },
      () => '',
    );
    await expectFailure(
      both,
      'WRONG_PASSKEY',
      /^The passkey is wrong\. Cleaning up afterwards failed too: The temp file is locked\.$/,
    );
    await expect(
      runWithCleanup(
        () => Promise.resolve(7),
        () => '',
      ),
    ).resolves.toBe(7);
  });
});

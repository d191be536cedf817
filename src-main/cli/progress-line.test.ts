import { describe, expect, it } from 'vitest';
import { testIo } from '../../test/main/cli/test-support';
import { describeProgress, progressLine } from './progress-line';

describe('describeProgress', () => {
  it('shows percent and megabytes for steps that move bytes', () => {
    expect(describeProgress({ phase: 'encrypting', bytesDone: 52_428_800, bytesTotal: 104_857_600 })).toBe(
      'Encrypting: 50% (50.0 MB of 100.0 MB)',
    );
    expect(describeProgress({ phase: 'decrypting', bytesDone: 20_480, bytesTotal: 41_300 })).toBe(
      'Decrypting: 49% (20.0 KB of 40.3 KB)',
    );
  });

  it('shows just the step for steps reported as 0 or 1 of 1', () => {
    expect(describeProgress({ phase: 'deriving-key', bytesDone: 0, bytesTotal: 1 })).toBe(
      'Deriving the key from the passkey...',
    );
    expect(describeProgress({ phase: 'finishing', bytesDone: 0, bytesTotal: 0 })).toBe('Finishing...');
  });

  it('counts backup files, not bytes, while the passkey changes', () => {
    expect(describeProgress({ phase: 'changing-passkey', bytesDone: 7, bytesTotal: 50 })).toBe(
      'Changing the passkey of the backups: 7 of 50',
    );
  });
});

describe('progressLine', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const { io, stderr } = testIo();
    const line = progressLine(io);
    expect(line.onProgress).toBeUndefined();
    line.clear();
    expect(stderr()).toBe('');
  });

  it('rewrites one line on a terminal and erases it at the end', () => {
    const { io, stderr } = testIo();
    const line = progressLine({ ...io, stderrIsTTY: true });
    line.onProgress?.({ phase: 'snapshot', bytesDone: 0, bytesTotal: 1 });
    line.onProgress?.({ phase: 'encrypting', bytesDone: 5e5, bytesTotal: 1e6 });
    line.clear();
    line.clear();
    expect(stderr()).toBe(
      '\r\u001b[KTaking a snapshot of the database...\r\u001b[KEncrypting: 50% (488.3 KB of 976.6 KB)\r\u001b[K',
    );
  });
});

import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownedPartialPath } from '../fsx/partial-names';
import { BACKUP_EXTENSION, backupFileName, isBackupFileName, parseBackupFileName } from './backup-names';

const AT = new Date('2026-11-25T22:48:03.456Z');

describe('backup names', () => {
  it('say when and what, in UTC, without characters Windows forbids', () => {
    expect(backupFileName(AT, 'manual')).toBe('NoteVault-2026-11-25T22-48-03Z.nvbak');
    expect(backupFileName(AT, 'scheduled')).toBe('NoteVault-2026-11-25T22-48-03Z-scheduled.nvbak');
    expect(backupFileName(AT, 'before-restore')).toBe('NoteVault-2026-11-25T22-48-03Z-before-restore.nvbak');
    expect(backupFileName(AT, 'scheduled', 3)).toBe('NoteVault-2026-11-25T22-48-03Z-scheduled-3.nvbak');
    expect(backupFileName(AT, 'manual')).not.toMatch(/[<>:"/\\|?*]/);
  });

  it('sort by time as plain strings', () => {
    const times = [
      '2025-01-02T03:04:05Z',
      '2025-12-31T23:59:59Z',
      '2025-01-02T03:04:06Z',
      '2024-06-01T00:00:00Z',
    ];
    const names = times.map((t, i) => backupFileName(new Date(t), i % 2 === 0 ? 'manual' : 'scheduled'));
    const byName = [...names].sort().map((n) => parseBackupFileName(n)?.createdAt.toISOString());
    const byTime = [...times].sort().map((t) => new Date(t).toISOString());
    expect(byName).toEqual(byTime);
  });

  it('parse back to time (to the second) and kind', () => {
    for (const kind of ['manual', 'scheduled', 'before-restore'] as const) {
      for (const sequence of [1, 2, 12]) {
        expect(parseBackupFileName(backupFileName(AT, kind, sequence))).toEqual({
          createdAt: new Date('2026-11-25T22:48:03Z'),
          kind,
        });
      }
    }
  });

  it('parse nothing else', () => {
    for (const name of [
      'NoteVault-2026-11-25T22-48-03Z.nvbak.partial',
      'NoteVault-2026-13-25T22-48-03Z.nvbak',
      'NoteVault-2026-02-30T22-48-03Z.nvbak',
      'NoteVault-2026-11-25T22-48-03Z-weekly.nvbak',
      'NoteVault-2026-11-25T22-48-03Z-1.nvbak',
      'NoteVault-2026-11-25T22-48-03Z.nvbackup',
      'mine.nvbak',
    ]) {
      expect(parseBackupFileName(name), name).toBeNull();
    }
  });

  it('recognise any .nvbak file as a backup, but not its partial', () => {
    expect(BACKUP_EXTENSION).toBe('.nvbak');
    expect(isBackupFileName('before-upgrade.nvbak')).toBe(true);
    expect(isBackupFileName('Holiday.NVBAK')).toBe(true);
    expect(isBackupFileName(backupFileName(AT, 'scheduled'))).toBe(true);
    expect(isBackupFileName(`${backupFileName(AT, 'manual')}.partial`)).toBe(false);
    // The partial a backup is written as names its owner; lists and retention never see a backup in it.
    for (const kind of ['manual', 'scheduled', 'before-restore'] as const) {
      const partial = basename(
        ownedPartialPath(`/b/${backupFileName(AT, kind, 2)}`, { pid: 7, threadId: 1 }),
      );
      expect(isBackupFileName(partial), partial).toBe(false);
      expect(parseBackupFileName(partial), partial).toBeNull();
    }
    expect(isBackupFileName('.nvbak')).toBe(false);
    expect(isBackupFileName('notes.db')).toBe(false);
  });

  it('refuse an invalid date or sequence', () => {
    expect(() => backupFileName(new Date('nope'), 'manual')).toThrow(RangeError);
    expect(() => backupFileName(AT, 'manual', 0)).toThrow(RangeError);
  });
});
